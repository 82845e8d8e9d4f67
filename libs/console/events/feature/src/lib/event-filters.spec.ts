import { exportFileName, type FleetEvent } from '@mcp-fleet/shared/contracts';

import { filtersFromParams, fromLocalInput, hasFilters, listParams, matchesFilters, sameFilters, toLocalInput } from './event-filters';

const params = (values: Record<string, string>) => (key: string) => values[key] ?? null;

function event(overrides: Partial<FleetEvent> = {}): FleetEvent {
  return {
    seq: 10,
    id: 'e-10',
    timestamp: '2026-11-25T10:00:00.000Z',
    type: 'server.status_changed',
    severity: 'warning',
    category: 'lifecycle',
    serverId: 's-1',
    serverName: 'Everything',
    message: 'Server everything stopped',
    data: {},
    correlationId: 'c-1',
    actor: { kind: 'user', id: 'u-1', name: 'admin@example.com' },
    instanceId: 'vm:1',
    ...overrides,
  };
}

describe('filtersFromParams', () => {
  it('keeps valid values and drops what the API would refuse', () => {
    expect(
      filtersFromParams(
        params({
          serverId: 's-1',
          type: 'server.*, auth.login_failed',
          severity: 'loud',
          minSeverity: 'warning',
          category: 'nope',
          from: '2026-11-25T00:00:00.000Z',
          to: 'yesterday',
          search: '  crash ',
          correlationId: 'c-1',
        }),
      ),
    ).toEqual({
      serverId: 's-1',
      type: 'server.*,auth.login_failed',
      minSeverity: 'warning',
      from: '2026-11-25T00:00:00.000Z',
      search: 'crash',
      correlationId: 'c-1',
    });
  });

  it('drops a type list the API would refuse', () => {
    expect(filtersFromParams(params({ type: 'Server Started' }))).toEqual({});
  });
});

describe('sameFilters / hasFilters / listParams', () => {
  it('compares by value and ignores empty keys', () => {
    expect(sameFilters({ type: 'a' }, { type: 'a', search: undefined })).toBe(true);
    expect(sameFilters({ type: 'a' }, { type: 'b' })).toBe(false);
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ actor: 'system' })).toBe(true);
    expect(listParams({ type: 'a', search: '' }, { limit: 100, beforeSeq: 7 })).toEqual({ type: 'a', limit: 100, beforeSeq: 7 });
  });
});

describe('matchesFilters', () => {
  it.each([
    [{}, true],
    [{ serverId: 's-1' }, true],
    [{ serverId: 's-2' }, false],
    [{ type: 'server.status_changed' }, true],
    [{ type: 'server.*' }, true],
    [{ type: 'auth.*,server.status_changed' }, true],
    [{ type: 'server.status' }, false],
    [{ severity: 'warning' }, true],
    [{ severity: 'error' }, false],
    [{ minSeverity: 'info' }, true],
    [{ minSeverity: 'warning' }, true],
    [{ minSeverity: 'error' }, false],
    [{ category: 'lifecycle' }, true],
    [{ category: 'health' }, false],
    [{ from: '2026-11-25T10:00:00.000Z' }, true],
    [{ from: '2026-11-25T10:00:01.000Z' }, false],
    [{ to: '2026-11-25T10:00:00.000Z' }, false],
    [{ to: '2026-11-25T10:00:01.000Z' }, true],
    [{ search: 'EVERYTHING' }, true],
    [{ search: 'status_changed' }, true],
    [{ search: 'nothing' }, false],
    [{ actor: 'admin@example.com' }, true],
    [{ actor: 'u-1' }, true],
    [{ actor: 'system' }, false],
    [{ correlationId: 'c-1' }, true],
    [{ correlationId: 'c-2' }, false],
  ] as const)('%j → %s', (filters, expected) => {
    expect(matchesFilters(event(), filters)).toBe(expected);
  });

  it('matches search against the server name only when there is one', () => {
    expect(matchesFilters(event({ serverId: null, serverName: null }), { search: 'everything' })).toBe(true);
    expect(matchesFilters(event({ serverName: null, message: 'x' }), { search: 'everything' })).toBe(false);
  });
});

describe('file names and local times', () => {
  it('names exports by UTC time without colons', () => {
    expect(exportFileName('events', 'csv', new Date('2026-11-25T03:26:00.123Z'))).toBe('mcp-fleet-events-2026-11-25T03-26-00Z.csv');
    expect(exportFileName('audit', 'ndjson', new Date('2026-01-02T00:00:00Z'))).toBe('mcp-fleet-audit-2026-01-02T00-00-00Z.ndjson');
  });

  it('round-trips datetime-local values through ISO', () => {
    const local = toLocalInput('2026-11-25T10:30:00.000Z');
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(fromLocalInput(local)).toBe('2026-11-25T10:30:00.000Z');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
  });
});
