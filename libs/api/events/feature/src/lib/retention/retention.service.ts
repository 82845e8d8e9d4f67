import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { AuditRepository, EventsRepository } from '@mcp-fleet/api/events/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { deleteInBatches, RepeatingTask } from '@mcp-fleet/api/shared/database';

const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 60_000;
const RUN_EVERY_MS = 3_600_000;

export interface PurgeResult {
  events: number;
  audit: number;
}

/** Deletes events and audit rows past their retention, in the background, in small batches. */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private readonly pass = new RepeatingTask(() => this.purgeBoth(new Date()), {
    done: (result) => {
      if (result.events + result.audit > 0) {
        this.logger.log(result, 'Retention removed old rows');
      }
    },
    failed: (error) => this.logger.error({ err: error }, 'Retention pass failed; next pass in an hour'),
  });

  constructor(
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.pass.start(FIRST_RUN_DELAY_MS, RUN_EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pass.stop();
  }

  /** One pass over both tables; `now` is for tests. */
  purge(now = new Date()): Promise<PurgeResult> {
    return this.pass.run(() => this.purgeBoth(now));
  }

  private async purgeBoth(now: Date): Promise<PurgeResult> {
    return {
      events: await this.purgeTable(now, this.config.eventRetentionDays, (cutoff, size) => this.events.deleteOlderThan(cutoff, size)),
      audit: await this.purgeTable(now, this.config.auditRetentionDays, (cutoff, size) => this.audit.deleteOlderThan(cutoff, size)),
    };
  }

  private purgeTable(now: Date, days: number, deleteBatch: (cutoff: Date, batchSize: number) => Promise<number>): Promise<number> {
    if (days === 0) {
      return Promise.resolve(0);
    }
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    return deleteInBatches(
      (size) => deleteBatch(cutoff, size),
      () => this.pass.stopped,
    );
  }
}
