import { Query } from '@nestjs/cqrs';

import type { ServerFilter, ServerSelection } from '@mcp-fleet/shared/contracts';

/** Every server a filter matches (for "select all N matching"), bounded by SELECTION_LIMITS. */
export class MatchServersQuery extends Query<ServerSelection> {
  constructor(
    readonly filter: ServerFilter,
    /** A server-scoped reader's servers (`Principal.serverIds`); absent means every server. */
    readonly serverIds?: readonly string[],
  ) {
    super();
  }
}
