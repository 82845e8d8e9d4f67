import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { LogsRepository } from '@mcp-fleet/api/runtime/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { deleteInBatches, RepeatingTask } from '@mcp-fleet/api/shared/database';

const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 90_000;
const RUN_EVERY_MS = 3_600_000;

/** Deletes server log lines older than the retention, hourly, in small batches. */
@Injectable()
export class LogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LogRetention.name);
  private readonly pass = new RepeatingTask(() => this.purgeOlderThan(new Date(), this.config.logRetentionDays), {
    done: (deleted) => {
      if (deleted > 0) {
        this.logger.log({ deleted }, 'Log retention removed old lines');
      }
    },
    failed: (error) => this.logger.error({ err: error }, 'Log retention pass failed; next pass in an hour'),
  });

  constructor(
    private readonly logs: LogsRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.pass.start(FIRST_RUN_DELAY_MS, RUN_EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pass.stop();
  }

  /** One pass (`LOG_RETENTION_DAYS`; 0 keeps everything); returns how many lines went. `now` and `days` are for tests. */
  purge(now = new Date(), days = this.config.logRetentionDays): Promise<number> {
    return this.pass.run(() => this.purgeOlderThan(now, days));
  }

  private purgeOlderThan(now: Date, days: number): Promise<number> {
    if (days === 0) {
      return Promise.resolve(0);
    }
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    return deleteInBatches(
      (size) => this.logs.deleteOlderThan(cutoff, size),
      () => this.pass.stopped,
    );
  }
}
