import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { deleteInBatches, RepeatingTask } from '@mcp-fleet/api/shared/database';
import { UNDO_WINDOW_DAYS } from '@mcp-fleet/shared/contracts';

import { OperationsRepository } from './operations.repository';

const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 90_000;
const RUN_EVERY_MS = 3_600_000;

/**
 * Undo records are kept UNDO_WINDOW_DAYS (an undo after that is refused anyway), then removed
 * hourly in small batches. What was done stays in the audit trail and the event history.
 */
@Injectable()
export class OperationRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OperationRetention.name);
  private readonly pass = new RepeatingTask(() => this.purgeBefore(new Date()), {
    done: (removed) => {
      if (removed > 0) {
        this.logger.log({ operations: removed }, 'Retention removed undo records past the undo window');
      }
    },
    failed: (error) => this.logger.error({ err: error }, 'Undo record retention pass failed; next pass in an hour'),
  });

  constructor(private readonly operations: OperationsRepository) {}

  onApplicationBootstrap(): void {
    this.pass.start(FIRST_RUN_DELAY_MS, RUN_EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pass.stop();
  }

  /** One pass now; `now` is for tests. Returns how many operations went. */
  purge(now = new Date()): Promise<number> {
    return this.pass.run(() => this.purgeBefore(now));
  }

  private purgeBefore(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - UNDO_WINDOW_DAYS * DAY_MS);
    return deleteInBatches(
      (size) => this.operations.deleteOlderThan(cutoff, size),
      () => this.pass.stopped,
    );
  }
}
