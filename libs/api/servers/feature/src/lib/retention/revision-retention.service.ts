import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { deleteInBatches, RepeatingTask } from '@mcp-fleet/api/shared/database';

const DAY_MS = 86_400_000;
const FIRST_RUN_DELAY_MS = 90_000;
const RUN_EVERY_MS = 3_600_000;

/**
 * A deleted server's history is an audit record: kept for AUDIT_RETENTION_DAYS after the
 * deletion (0 keeps it forever), then removed in the background. A live server's revisions are
 * its restore points and stay while it exists.
 */
@Injectable()
export class RevisionRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RevisionRetentionService.name);
  private readonly pass = new RepeatingTask(() => this.purgeDeletedBefore(new Date()), {
    done: (removed) => {
      if (removed > 0) {
        this.logger.log({ revisions: removed }, 'Retention removed the history of deleted servers');
      }
    },
    failed: (error) => this.logger.error({ err: error }, 'Revision retention pass failed; next pass in an hour'),
  });

  constructor(
    private readonly revisions: ServerRevisionsRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.pass.start(FIRST_RUN_DELAY_MS, RUN_EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pass.stop();
  }

  /** One pass now; `now` is for tests. Returns how many revisions went. */
  purge(now = new Date()): Promise<number> {
    return this.pass.run(() => this.purgeDeletedBefore(now));
  }

  private purgeDeletedBefore(now: Date): Promise<number> {
    const days = this.config.auditRetentionDays;
    if (days === 0) {
      return Promise.resolve(0);
    }
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    return deleteInBatches(
      (size) => this.revisions.deleteOfServersDeletedBefore(cutoff, size),
      () => this.pass.stopped,
    );
  }
}
