import type { EventStore } from '@mcp-fleet/api/events/data-access';
import type { ResourceSubscriptionsRepository } from '@mcp-fleet/api/runtime/data-access';

import { RESOURCE_UPDATE_WINDOW_MS, ResourceUpdates } from './resource-updates';

describe('ResourceUpdates: one event per resource per window, the rest counted', () => {
  const server = { id: 'srv', name: 'everything' };
  let recorded: { uri: string; updates: number }[];
  let updates: ResourceUpdates;

  beforeEach(() => {
    jest.useFakeTimers();
    recorded = [];
    const store = { append: (event: { data: { uri: string; updates: number } }) => (recorded.push(event.data), Promise.resolve()) };
    updates = new ResourceUpdates({} as ResourceSubscriptionsRepository, store as unknown as EventStore);
  });

  afterEach(() => {
    updates.onModuleDestroy();
    jest.useRealTimers();
  });

  it('records the first update at once and folds a burst into one more event', () => {
    for (let i = 0; i < 50; i++) {
      updates.updated(server, 'demo://a');
    }
    expect(recorded).toEqual([{ uri: 'demo://a', updates: 1 }]);

    jest.advanceTimersByTime(RESOURCE_UPDATE_WINDOW_MS);

    expect(recorded).toEqual([
      { uri: 'demo://a', updates: 1 },
      { uri: 'demo://a', updates: 49 },
    ]);
  });

  it('keeps resources apart, and a quiet resource is recorded at once again', () => {
    updates.updated(server, 'demo://a');
    updates.updated(server, 'demo://b');
    jest.advanceTimersByTime(RESOURCE_UPDATE_WINDOW_MS + 1);
    updates.updated(server, 'demo://a');

    expect(recorded).toEqual([
      { uri: 'demo://a', updates: 1 },
      { uri: 'demo://b', updates: 1 },
      { uri: 'demo://a', updates: 1 },
    ]);
  });
});
