import { scopedExposition } from './scoped-exposition';

const EXPOSITION = [
  '# HELP mcp_server_health_status 1 when the server is healthy, 0 otherwise',
  '# TYPE mcp_server_health_status gauge',
  'mcp_server_health_status{server_name="alpha",server_type="stdio"} 1',
  'mcp_server_health_status{server_name="bravo",server_type="stdio"} 0',
  'mcp_server_health_status{server_name="say \\"hi\\"\\\\there",server_type="http"} 1',
  '# HELP mcp_gateway_requests_total Gateway requests',
  '# TYPE mcp_gateway_requests_total counter',
  'mcp_gateway_requests_total{method="tools/call",server_name="bravo",outcome="ok"} 3',
  'mcp_gateway_requests_total{method="tools/call",server_name="alpha",outcome="ok"} 2',
  'process_cpu_user_seconds_total 1.5',
  'mcp_events_total{event_type="server.started",severity="info",category="lifecycle"} 7',
  '',
].join('\n');

describe('scopedExposition', () => {
  it('keeps the series of the reader’s servers and those about no server, and drops every other server’s', () => {
    const lines = scopedExposition(EXPOSITION, new Set(['alpha'])).split('\n');
    expect(lines.filter((line) => line.includes('server_name='))).toEqual([
      'mcp_server_health_status{server_name="alpha",server_type="stdio"} 1',
      'mcp_gateway_requests_total{method="tools/call",server_name="alpha",outcome="ok"} 2',
    ]);
    expect(lines).toEqual(expect.arrayContaining(['process_cpu_user_seconds_total 1.5', '# TYPE mcp_gateway_requests_total counter']));
    expect(lines.join('\n')).not.toContain('bravo');
  });

  it('matches a name as the text format escapes it', () => {
    const lines = scopedExposition(EXPOSITION, new Set(['say "hi"\\there'])).split('\n');
    expect(lines.filter((line) => line.includes('server_name='))).toEqual([
      'mcp_server_health_status{server_name="say \\"hi\\"\\\\there",server_type="http"} 1',
    ]);
  });
});
