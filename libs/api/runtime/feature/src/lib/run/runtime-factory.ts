import { Injectable } from '@nestjs/common';

import { ProtocolVerdictsRepository } from '@mcp-fleet/api/runtime/data-access';
import { openSecrets } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { SecretBox, stdioPolicyOf } from '@mcp-fleet/api/shared/security';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { Watchdog } from '../process/watchdog';
import type { ServerRun } from './server-run';
import { type LaunchPolicy, type RunHooks, ServerRuntime } from './server-runtime';

/**
 * Makes the run of a server: opens its secrets for that run only, applies the launch policy of
 * this API, tells the watchdog about its process group, and remembers its protocol era. The test seam of the supervisor:
 * a test module provides another factory and drives its runs by hand.
 */
@Injectable()
export class RuntimeFactory {
  private readonly policy: LaunchPolicy;

  constructor(
    private readonly secrets: SecretBox,
    private readonly watchdog: Watchdog,
    private readonly verdicts: ProtocolVerdictsRepository,
    config: AppConfig,
  ) {
    this.policy = { url: { allowPrivate: config.allowPrivateUrls }, stdio: stdioPolicyOf(config) };
  }

  create(server: McpServer, hooks: RunHooks): ServerRun {
    return new ServerRuntime(
      server,
      openSecrets(server.config, this.secrets, server.id),
      {
        ...hooks,
        watch: (pgid) => this.watchdog.watch(pgid),
        forget: (pgid) => this.watchdog.forget(pgid),
        recallEra: () => this.verdicts.recall(server),
        learnEra: (learnt) => this.verdicts.learn(server, learnt),
      },
      this.policy,
    );
  }
}
