import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { LogsRepository } from '@mcp-fleet/api/runtime/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

const DAY_MS = 86_400_000;
/** Small batches keep each DELETE short, so the log writer never waits long behind it. */
const BATCH_SIZE = 5000;
const PAUSE_BETWEEN_BATCHES_MS = 20;
const FIRST_RUN_DELAY_MS = 90_000;
const RUN_EVERY_MS = 3_600_000;

/** Deletes server log lines older than the retention, hourly, in small batches. */
@Injectable()
export class LogRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LogRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly logs: LogsRepository,
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

  /** One pass (`LOG_RETENTION_DAYS`; 0 keeps everything); returns how many lines went. `now` and `days` are for tests. */
  purge(now = new Date(), days = this.config.logRetentionDays): Promise<number> {
    if (days === 0) {
      return Promise.resolve(0);
    }
    this.running ??= this.purgeOlderThan(new Date(now.getTime() - days * DAY_MS)).finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.purge()
        .then((deleted) => {
          if (deleted > 0) {
            this.logger.log({ deleted }, 'Log retention removed old lines');
          }
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'Log retention pass failed; next pass in an hour'))
        .finally(() => {
          if (!this.stopped) {
            this.schedule(RUN_EVERY_MS);
          }
        });
    }, delayMs);
    this.timer.unref();
  }

  private async purgeOlderThan(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.logs.deleteOlderThan(cutoff, BATCH_SIZE);
      total += deleted;
      if (deleted < BATCH_SIZE || this.stopped) {
        return total;
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_BATCHES_MS));
    }
  }
}
