import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { EventsRepository } from '@mcp-fleet/api/events/data-access';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { EVENT_LIMITS, type EventPage } from '@mcp-fleet/shared/contracts';

import { cursorPage } from '../../domain/cursor-page';
import { eventFilterFor } from '../../domain/event-filter';
import { ListEventsQuery } from './list-events.query';

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly events: EventsRepository) {}

  async execute({ params, reader }: ListEventsQuery): Promise<EventPage> {
    if (params.afterSeq !== undefined && params.beforeSeq !== undefined) {
      throw validationFailed([{ field: 'afterSeq', messages: ['afterSeq and beforeSeq cannot be used together'] }]);
    }
    const limit = params.limit ?? EVENT_LIMITS.defaultLimit;
    const offset = params.offset ?? 0;
    const { items, total } = await this.events.page({
      filter: eventFilterFor(params, reader),
      limit,
      offset,
      afterSeq: params.afterSeq,
      beforeSeq: params.beforeSeq,
    });
    return cursorPage(items, total, limit, offset);
  }
}
