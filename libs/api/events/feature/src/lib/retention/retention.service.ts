import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { AuditRepository, EventsRepository } from '@mcp-fleet/api/events/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

const DAY_MS = 86_400_000;
/** Small batches keep each DELETE short, so writers and readers never wait long behind it. */
const BATCH_SIZE = 5000;
const PAUSE_BETWEEN_BATCHES_MS = 20;
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PurgeResult> | undefined;
  private stopped = false;

  constructor(
    private readonly events: EventsRepository,
    private readonly audit: AuditRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over both tables; `now` is for tests. */
  purge(now = new Date()): Promise<PurgeResult> {
    this.running ??= this.purgeBoth(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.purge()
        .then((result) => {
          if (result.events + result.audit > 0) {
            this.logger.log(result, 'Retention removed old rows');
          }
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'Retention pass failed; next pass in an hour'))
        .finally(() => {
          if (!this.stopped) {
            this.schedule(RUN_EVERY_MS);
          }
        });
    }, delayMs);
    this.timer.unref();
  }

  private async purgeBoth(now: Date): Promise<PurgeResult> {
    return {
      events: await this.purgeTable(now, this.config.eventRetentionDays, (cutoff) => this.events.deleteOlderThan(cutoff, BATCH_SIZE)),
      audit: await this.purgeTable(now, this.config.auditRetentionDays, (cutoff) => this.audit.deleteOlderThan(cutoff, BATCH_SIZE)),
    };
  }

  private async purgeTable(now: Date, days: number, deleteBatch: (cutoff: Date) => Promise<number>): Promise<number> {
    if (days === 0) {
      return 0;
    }
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch(cutoff);
      total += deleted;
      if (deleted < BATCH_SIZE || this.stopped) {
        return total;
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_BATCHES_MS));
    }
  }
}
