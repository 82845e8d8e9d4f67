import { isFiltered, parseListQuery, sortState, toListParams, toQueryParams, toSort, withChange } from './servers-list-query';

const params = (values: Record<string, string>) => new URLSearchParams(values);

describe('servers list query', () => {
  it('reads an empty URL as the defaults', () => {
    expect(parseListQuery(params({}))).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'name',
      search: '',
      status: null,
      transport: null,
      type: '',
      tag: '',
      needsApproval: false,
      health: null,
      enabled: null,
      maintenance: null,
      dense: false,
    });
  });

  it('reads every parameter, and replaces invalid ones by their defaults', () => {
    const query = parseListQuery(
      params({
        page: '3',
        pageSize: '100',
        sort: '-updatedAt',
        search: ' fs ',
        status: 'running',
        transport: 'sse',
        type: 'search',
        tag: 'prod',
        drift: 'true',
        health: 'unhealthy',
        enabled: 'false',
        maintenance: 'true',
        density: 'compact',
      }),
    );

    expect(query).toEqual({
      page: 3,
      pageSize: 100,
      sort: '-updatedAt',
      search: 'fs',
      status: 'running',
      transport: 'sse',
      type: 'search',
      tag: 'prod',
      needsApproval: true,
      health: 'unhealthy',
      enabled: false,
      maintenance: true,
      dense: true,
    });
    expect(
      parseListQuery(
        params({
          page: '0',
          pageSize: '7',
          sort: '-nope',
          status: 'maintenance',
          transport: 'ftp',
          drift: 'yes',
          health: 'ok',
          enabled: '1',
        }),
      ),
    ).toMatchObject({
      health: null,
      enabled: null,
      page: 1,
      pageSize: 25,
      sort: 'name',
      status: null,
      transport: null,
      needsApproval: false,
    });
  });

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    const query = parseListQuery(
      params({ page: '2', sort: '-status', tag: 'prod', drift: 'true', maintenance: 'false', density: 'compact' }),
    );
    const written = toQueryParams(query);

    expect(written).toEqual({
      page: 2,
      pageSize: null,
      sort: '-status',
      search: null,
      status: null,
      transport: null,
      type: null,
      tag: 'prod',
      drift: 'true',
      health: null,
      enabled: null,
      maintenance: 'false',
      density: 'compact',
    });
    const defined = Object.entries(written).filter((entry): entry is [string, string | number] => entry[1] !== null);
    expect(parseListQuery(params(Object.fromEntries(defined.map(([key, value]) => [key, String(value)]))))).toEqual(query);
  });

  it('starts again at page 1 when a filter or the sort changes, not when the page does', () => {
    const query = parseListQuery(params({ page: '4' }));

    expect(withChange(query, { search: 'x' }).page).toBe(1);
    expect(withChange(query, { page: 5 }).page).toBe(5);
    expect(withChange(query, { dense: true })).toMatchObject({ page: 4, dense: true });
  });

  it('maps the query onto the API parameters, leaving out empty filters', () => {
    expect(toListParams(parseListQuery(params({ search: 'fs', status: 'error' })))).toEqual({
      page: 1,
      pageSize: 25,
      sort: 'name',
      search: 'fs',
      status: 'error',
      transport: undefined,
      type: undefined,
      tag: undefined,
      drift: undefined,
      health: undefined,
      enabled: undefined,
      maintenance: undefined,
    });
    expect(toListParams(parseListQuery(params({ drift: 'true', health: 'degraded', enabled: 'false' })))).toMatchObject({
      drift: true,
      health: 'degraded',
      enabled: false,
    });
  });

  it('tells filtered lists from the whole fleet', () => {
    expect(isFiltered(parseListQuery(params({ sort: '-name', page: '2' })))).toBe(false);
    expect(isFiltered(parseListQuery(params({ tag: 'prod' })))).toBe(true);
    expect(isFiltered(parseListQuery(params({ drift: 'true' })))).toBe(true);
    expect(isFiltered(parseListQuery(params({ maintenance: 'true' })))).toBe(true);
    expect(isFiltered(parseListQuery(params({ density: 'compact' })))).toBe(false);
  });

  it('converts between the API sort and mat-sort', () => {
    expect(sortState('-createdAt')).toEqual({ field: 'createdAt', direction: 'desc' });
    expect(sortState('type')).toEqual({ field: 'type', direction: 'asc' });
    expect(toSort('status', 'desc')).toBe('-status');
    expect(toSort('transport', 'asc')).toBe('transport');
    expect(toSort('status', '')).toBe('name');
    expect(toSort('health', 'asc')).toBe('name');
  });
});
