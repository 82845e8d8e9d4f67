import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer, Page, ServerSelection } from '@mcp-fleet/shared/contracts';

describe('GET /api/mcp/servers', () => {
  const api = useApi();
  const names = (page: Page<McpServer>) => page.items.map((s) => s.name);

  beforeAll(async () => {
    for (let i = 1; i <= 30; i++) {
      const id = String(i).padStart(2, '0');
      const remote = i % 3 === 0;
      const response = await api.post('/api/mcp/servers', {
        name: `svc-${id}`,
        type: i % 2 === 0 ? 'search' : 'files',
        transport: remote ? 'streamable-http' : 'stdio',
        config: remote ? { url: `https://svc${id}.example.com/mcp` } : { command: 'npx' },
        tags: i <= 5 ? ['first-five'] : [],
        enabled: i !== 7,
      });
      expect(response.status).toBe(201);
    }
    await api.post('/api/mcp/servers', { name: 'Zeta-Search', transport: 'sse', config: { url: 'https://z.example.com/sse' } });
  });

  it('returns the first page of 20 by default, sorted by name, with the total', async () => {
    const response = await api.get<Page<McpServer>>('/api/mcp/servers');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 31, page: 1, pageSize: 20 });
    expect(response.body.items).toHaveLength(20);
    expect(names(response.body).slice(0, 3)).toEqual(['svc-01', 'svc-02', 'svc-03']);
  });

  it('pages through with page and pageSize', async () => {
    const response = await api.get<Page<McpServer>>('/api/mcp/servers?page=4&pageSize=10');

    expect(names(response.body)).toEqual(['Zeta-Search']);
    expect(response.body).toMatchObject({ total: 31, page: 4, pageSize: 10 });
  });

  it('searches the name case-insensitively', async () => {
    const response = await api.get<Page<McpServer>>('/api/mcp/servers?search=ZETA');

    expect(names(response.body)).toEqual(['Zeta-Search']);
  });

  it('filters by type, transport, tag, status and enabled', async () => {
    const byType = await api.get<Page<McpServer>>('/api/mcp/servers?type=search&pageSize=100');
    const byTransport = await api.get<Page<McpServer>>('/api/mcp/servers?transport=sse');
    const byTag = await api.get<Page<McpServer>>('/api/mcp/servers?tag=FIRST-FIVE');
    const byStatus = await api.get<Page<McpServer>>('/api/mcp/servers?status=running');
    const disabled = await api.get<Page<McpServer>>('/api/mcp/servers?enabled=false');

    expect(byType.body.total).toBe(15);
    expect(byType.body.items.every((s) => s.type === 'search')).toBe(true);
    expect(names(byTransport.body)).toEqual(['Zeta-Search']);
    expect(names(byTag.body)).toEqual(['svc-01', 'svc-02', 'svc-03', 'svc-04', 'svc-05']);
    expect(byStatus.body).toMatchObject({ items: [], total: 0 });
    expect(names(disabled.body)).toEqual(['svc-07']);
  });

  it('sorts by another field, descending with a dash', async () => {
    const response = await api.get<Page<McpServer>>('/api/mcp/servers?sort=-createdAt&pageSize=2');

    expect(names(response.body)).toEqual(['Zeta-Search', 'svc-30']);
  });

  it.each([
    ['pageSize over 100', 'pageSize=101', 'pageSize'],
    ['pageSize zero', 'pageSize=0', 'pageSize'],
    ['a page that is not a number', 'page=two', 'page'],
    ['an unknown status', 'status=sleeping', 'status'],
    ['an unknown transport', 'transport=ws', 'transport'],
    ['an unknown sort field', 'sort=password', 'sort'],
    ['an unknown parameter', 'owner=me', 'owner'],
    ['a search over 100 characters', `search=${'x'.repeat(101)}`, 'search'],
    ['enabled that is not a boolean', 'enabled=maybe', 'enabled'],
    ['an unknown health', 'health=fine', 'health'],
    ['maintenance that is not a boolean', 'maintenance=yes', 'maintenance'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_, query, field) => {
    const response = await api.get<ApiError>(`/api/mcp/servers?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  it('filters on maintenance and health', async () => {
    const server = (await api.get<Page<McpServer>>('/api/mcp/servers?search=svc-02')).body.items[0];
    expect((await api.post(`/api/mcp/servers/${server.id}/maintenance`, {})).status).toBe(200);

    const inMaintenance = await api.get<Page<McpServer>>('/api/mcp/servers?maintenance=true');
    const unknownHealth = await api.get<Page<McpServer>>('/api/mcp/servers?health=unknown&pageSize=100');
    const unhealthy = await api.get<Page<McpServer>>('/api/mcp/servers?health=unhealthy');
    await api.post(`/api/mcp/servers/${server.id}/maintenance/exit`, {});

    expect(names(inMaintenance.body)).toEqual(['svc-02']);
    expect(unknownHealth.body.total).toBe(31);
    expect(unhealthy.body).toMatchObject({ items: [], total: 0 });
  });

  describe('GET /api/mcp/servers/matching', () => {
    it('answers every server the filter matches, id and name, by name', async () => {
      const response = await api.get<ServerSelection>('/api/mcp/servers/matching?type=search&transport=stdio');
      const page = await api.get<Page<McpServer>>('/api/mcp/servers?type=search&transport=stdio&pageSize=100');

      expect(response.status).toBe(200);
      expect(response.body.total).toBe(10);
      expect(response.body.items).toEqual(page.body.items.map(({ id, name }) => ({ id, name })));
    });

    it.each([
      ['a page (a selection is never paged)', 'page=2', 'page'],
      ['an unknown health', 'health=fine', 'health'],
    ])('answers 400 VALIDATION_FAILED for %s', async (_, query, field) => {
      const response = await api.get<ApiError>(`/api/mcp/servers/matching?${query}`);

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    });
  });
});
