import { Query } from '@nestjs/cqrs';

import type { EventPage, ListEventsParams, Principal } from '@mcp-fleet/shared/contracts';

export class ListEventsQuery extends Query<EventPage> {
  constructor(
    readonly params: ListEventsParams,
    readonly reader: Principal,
  ) {
    super();
  }
}
