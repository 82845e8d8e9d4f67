// The "client" the MCP conformance CLI runs in client mode is the fleet itself: this command
// registers the scenario server's URL in a running mcp-fleet API as a remote server, starts it
// through the API, does through the REST API what the scenario expects a client to do (list and
// call tools, read resources, get prompts), then stops and deletes it.
//
//   conformance client --command 'node tools/conformance/fleet-client.mjs' --scenario <name>
//
// The CLI appends the scenario server's URL as the last argument and sets MCP_CONFORMANCE_SCENARIO,
// MCP_CONFORMANCE_PROTOCOL_VERSION and (for some scenarios) MCP_CONFORMANCE_CONTEXT. This command
// also needs FLEET_API_URL and FLEET_API_TOKEN (a bearer token that may manage servers), and
// writes what it did to FLEET_CLIENT_REPORT (a JSON file) when that is set.
//
// Exit 0 when every step through the API worked (a step the scenario expects the fleet to refuse
// counts as working either way), 1 when one did not, 2 on missing configuration.
import { writeFileSync } from 'node:fs';

const serverUrl = process.argv[process.argv.length - 1];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? 'unknown';
const specVersion = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION;
const context = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
const api = process.env.FLEET_API_URL;
const token = process.env.FLEET_API_TOKEN;
const reportFile = process.env.FLEET_CLIENT_REPORT;

/** What the client did, step by step: `{ step, ok, status?, ms, detail? }`. */
const steps = [];
let serverId;

class StepError extends Error {}

/**
 * One REST call. `tolerate: true` means the scenario accepts a refusal (the step is recorded
 * as ok whatever the answer). Returns the parsed body, or throws StepError on a non-2xx answer.
 */
async function rest(step, method, path, body, { tolerate = false } = {}) {
  const started = Date.now();
  let status;
  let parsed;
  try {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(25_000),
    });
    status = response.status;
    const text = await response.text();
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!response.ok) throw new StepError(`${method} ${path} answered ${status}: ${JSON.stringify(parsed).slice(0, 600)}`);
    steps.push({ step, ok: true, status, ms: Date.now() - started });
    return parsed;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    steps.push({ step, ok: tolerate, status, ms: Date.now() - started, detail, ...(tolerate ? { tolerated: true } : {}) });
    console.error(`${step}: ${detail}`);
    if (tolerate) return undefined;
    throw error instanceof StepError ? error : new StepError(detail);
  }
}

const enc = encodeURIComponent;
const listTools = async () => (await rest('list tools', 'GET', `/api/mcp/servers/${serverId}/tools`)).items ?? [];
const callTool = (name, args, options) =>
  rest(`call tool ${name}`, 'POST', `/api/mcp/servers/${serverId}/tools/${enc(name)}/call`, { arguments: args }, options);

/** A tool call whose `input_required` answers (elicitations) are accepted with sample content, up to 3 rounds. */
async function callToolAnswering(name, args) {
  let body = { arguments: args };
  for (let round = 0; round < 4; round++) {
    const answer = await rest(
      `call tool ${name}${round ? ` (round ${round + 1})` : ''}`,
      'POST',
      `/api/mcp/servers/${serverId}/tools/${enc(name)}/call`,
      body,
    );
    const result = answer?.result;
    if (result?.resultType !== 'input_required') return answer;
    const inputResponses = Object.fromEntries(
      Object.entries(result.inputRequests ?? {}).map(([key, request]) => [
        key,
        { action: 'accept', content: sampleArguments(request?.params?.requestedSchema) },
      ]),
    );
    body = { arguments: args, inputResponses, ...(result.requestState === undefined ? {} : { requestState: result.requestState }) };
  }
  throw new StepError(`${name} kept asking for input`);
}

/** Arguments that satisfy a tool's required properties (for scenarios that only care whether it is called). */
function sampleArguments(schema) {
  const args = {};
  for (const name of schema?.required ?? []) {
    const type = schema.properties?.[name]?.type;
    args[name] =
      type === 'number' || type === 'integer'
        ? 1
        : type === 'boolean'
          ? true
          : type === 'object'
            ? {}
            : type === 'array'
              ? []
              : type === 'null'
                ? null
                : 'conformance';
  }
  return args;
}

/** What each scenario expects of a client, done through the fleet's REST API. */
const PLANS = {
  // The handshake is the test; listing tools is what a client does next.
  initialize: async () => {
    await listTools();
  },
  // Call add_numbers with two numbers, as the scenario's reference clients do.
  tools_call: async () => {
    const tools = await listTools();
    if (!tools.some((t) => t.name === 'add_numbers')) throw new StepError('the fleet does not list add_numbers');
    const { result } = await callTool('add_numbers', { a: 5, b: 3 });
    const text = result?.content?.[0]?.text;
    if (text !== 'The sum of 5 and 3 is 8') throw new StepError(`add_numbers answered ${JSON.stringify(result)}`);
  },
  // The server closes the tool call's SSE stream after a priming event (retry: 500 ms) and sends
  // the result on the GET stream the client must reopen with Last-Event-ID.
  'sse-retry': async () => {
    await listTools();
    await callTool('test_reconnection', {});
  },
  // The first request is refused with -32022 (only 2026-07-28 supported); every request is checked.
  'request-metadata': async () => {
    for (const tool of await listTools()) await callTool(tool.name, sampleArguments(tool.inputSchema));
  },
  // MRTR: tools answer input_required (an elicitation) first; the REST caller answers it and sends
  // the call again with inputResponses, echoing requestState when there is one.
  'sep-2322-client-request-state': async () => {
    await listTools();
    for (const name of ['test_mrtr_echo_state', 'test_mrtr_no_state', 'test_mrtr_unrelated', 'test_mrtr_no_result_type']) {
      await callToolAnswering(name, {}).catch(() => undefined); // a failure is recorded; the next call still runs
    }
  },
  // Mcp-Method / Mcp-Name headers on every kind of request.
  'http-standard-headers': async () => {
    const tools = await listTools();
    for (const tool of tools) await callTool(tool.name, {});
    const resources = (await rest('list resources', 'GET', `/api/mcp/servers/${serverId}/resources`)).items ?? [];
    for (const resource of resources) {
      await rest(`read ${resource.uri}`, 'GET', `/api/mcp/servers/${serverId}/resources/read?uri=${enc(resource.uri)}`);
    }
    const prompts = (await rest('list prompts', 'GET', `/api/mcp/servers/${serverId}/prompts`)).items ?? [];
    for (const prompt of prompts) {
      await rest(`get prompt ${prompt.name}`, 'POST', `/api/mcp/servers/${serverId}/prompts/${enc(prompt.name)}/get`, {
        arguments: {},
      });
    }
  },
  // x-mcp-header parameters mirrored into Mcp-Param-* headers: the calls come from the context.
  'http-custom-headers': async () => {
    await listTools();
    for (const { name, arguments: args } of context.toolCalls ?? []) await callTool(name, args);
  },
  // Tools with invalid x-mcp-header annotations must be dropped, the valid one kept: call
  // everything the fleet lists. A refusal of an invalid tool is the right answer.
  'http-invalid-tool-headers': async () => {
    const tools = await listTools();
    if (!tools.some((t) => t.name === 'valid_tool')) throw new StepError('the fleet does not list valid_tool');
    for (const tool of tools) {
      await callTool(tool.name, sampleArguments(tool.inputSchema), { tolerate: tool.name !== 'valid_tool' });
    }
  },
  // Listing tools must not fetch the network $ref in the input schema.
  'json-schema-ref-no-deref': async () => {
    await listTools();
  },
  // Echo the focal tool's input schema, as the fleet reports it, back through json_schema_echo.
  'json-schema-2020-12-preservation': async () => {
    const tools = await listTools();
    const focal = tools.find((t) => t.name === 'json_schema_2020_12_tool');
    if (!focal) throw new StepError('the fleet does not list json_schema_2020_12_tool');
    await callTool('json_schema_echo', { schema: focal.inputSchema });
  },
};

/** Any other scenario (the auth ones): connect, list tools, make the calls the context names. */
async function defaultPlan() {
  await listTools();
  for (const { name, arguments: args } of context.toolCalls ?? []) await callTool(name, args ?? {});
}

async function main() {
  if (!api || !token || !/^https?:\/\//.test(serverUrl ?? '')) {
    console.error('fleet-client: needs FLEET_API_URL, FLEET_API_TOKEN and the scenario URL as the last argument');
    return 2;
  }
  const name = `conformance-${scenario.replace(/[^A-Za-z0-9._-]+/g, '-')}-${Date.now().toString(36)}`;
  let failed;
  try {
    const server = await rest('register', 'POST', '/api/mcp/servers', {
      name,
      description: `conformance client scenario ${scenario} (${specVersion ?? 'default'} wire)`,
      // Every scenario server speaks Streamable HTTP (its responses may be SSE streams); none
      // serves the legacy HTTP+SSE transport. The protocol era is left to `auto`, as a user would.
      transport: 'streamable-http',
      config: { url: serverUrl, retryAttempts: 0, startupTimeoutMs: 10_000, requestTimeoutMs: 10_000 },
    });
    serverId = server.id;
    const started = await rest('start', 'POST', `/api/mcp/servers/${serverId}/start`);
    if (!started?.success) {
      steps[steps.length - 1] = { ...steps[steps.length - 1], ok: false, detail: `${started?.errorCode}: ${started?.message}` };
      throw new StepError(
        `start failed: ${started?.errorCode}: ${started?.message} ${JSON.stringify(started?.errorDetails ?? {}).slice(0, 600)}`,
      );
    }
    await (PLANS[scenario] ?? defaultPlan)();
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
    console.error(`fleet-client (${scenario}): ${failed}`);
  } finally {
    if (serverId) {
      await rest('stop', 'POST', `/api/mcp/servers/${serverId}/stop`).catch(() => undefined);
      await rest('delete', 'DELETE', `/api/mcp/servers/${serverId}`).catch(() => undefined);
    }
  }
  const ok = steps.every((s) => s.ok);
  if (reportFile) writeFileSync(reportFile, `${JSON.stringify({ scenario, serverUrl, specVersion, ok, error: failed, steps }, null, 2)}\n`);
  for (const s of steps)
    console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.step}${s.status ? ` (${s.status})` : ''}${s.detail ? `: ${s.detail}` : ''}`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
