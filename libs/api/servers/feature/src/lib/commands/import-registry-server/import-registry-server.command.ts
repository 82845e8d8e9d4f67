import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { RegistryImportParams, RegistryImportResponse } from '@mcp-fleet/shared/contracts';

export class ImportRegistryServerCommand extends Command<RegistryImportResponse> {
  constructor(
    /** The `server.json` as sent: unchecked. */
    readonly document: unknown,
    readonly params: RegistryImportParams,
    readonly context: CallContext,
    /** Map and check only: nothing is written. */
    readonly dryRun: boolean,
  ) {
    super();
  }
}
