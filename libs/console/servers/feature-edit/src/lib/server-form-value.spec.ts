import type { McpServer } from '@mcp-fleet/shared/contracts';

import { fieldTarget } from './api-field-paths';
import {
  configValueMap,
  emptyFormValue,
  formValueFromServer,
  isEmptyUpdate,
  parseExitCodes,
  type ServerFormValue,
  toRegisterRequest,
  toUpdateRequest,
} from './server-form-value';

const DEFAULTS = {
  startupTimeoutMs: 60_000,
  requestTimeoutMs: 30_000,
  killTimeoutMs: 5000,
  retryAttempts: 3,
  healthCheckIntervalMs: 30_000,
  healthCheckTimeoutMs: 5000,
  healthFailureThreshold: 3,
  maxRestarts: 5,
};

function server(overrides: Partial<McpServer> = {}): McpServer {
  return {
    id: 'id-1',
    name: 'gh',
    description: '',
    type: 'custom',
    transport: 'stdio',
    status: 'stopped',
    state: 'stopped',
    desiredState: 'stopped',
    config: { ...DEFAULTS, command: 'npx', args: ['-y', 'gh'], env: { TOKEN: { secret: true }, LOG: 'info' } },
    health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
    metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
    enabled: true,
    tags: ['a'],
    version: 4,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

function edit(value: ServerFormValue, change: (draft: ServerFormValue) => void): ServerFormValue {
  const draft = structuredClone(value);
  change(draft);
  return draft;
}

describe('toRegisterRequest', () => {
  it('leaves empty optional fields out so the API applies defaults', () => {
    const value = edit(emptyFormValue(), (v) => {
      v.name = ' everything ';
      v.stdio.command = 'node';
      v.stdio.args = ['index.js', 'stdio'];
      v.stdio.env = [
        { name: 'API_KEY', value: 's3cret', secret: true, stored: false },
        { name: 'LOG', value: '', secret: false, stored: false },
      ];
      v.remote.url = 'https://ignored.example';
      v.advanced.requestTimeoutMs = 1000;
      v.advanced.stopExitCodes = '0, 143';
    });
    expect(toRegisterRequest(value)).toEqual({
      name: 'everything',
      transport: 'stdio',
      enabled: true,
      config: {
        command: 'node',
        args: ['index.js', 'stdio'],
        env: { API_KEY: { secret: true, value: 's3cret' }, LOG: '' },
        requestTimeoutMs: 1000,
        stopExitCodes: [0, 143],
      },
    });
  });

  it('sends only the remote family for a remote transport', () => {
    const value = edit(emptyFormValue(), (v) => {
      v.name = 'r';
      v.transport = 'sse';
      v.stdio.command = 'ignored';
      v.remote.url = 'https://a.example/sse';
      v.remote.headers = [{ name: 'Authorization', value: 'Bearer x', secret: true, stored: false }];
    });
    expect(toRegisterRequest(value).config).toEqual({
      url: 'https://a.example/sse',
      headers: { Authorization: { secret: true, value: 'Bearer x' } },
    });
  });
});

describe('the protocol setting', () => {
  const base = edit(emptyFormValue(), (v) => {
    v.name = 'p';
    v.stdio.command = 'node';
  });

  it('is left out of a registration when auto and sent otherwise', () => {
    expect(base.advanced.protocol).toBe('auto');
    expect(toRegisterRequest(base).config).toEqual({ command: 'node' });
    expect(toRegisterRequest(edit(base, (v) => (v.advanced.protocol = 'legacy'))).config).toEqual({ command: 'node', protocol: 'legacy' });
  });

  it('reads an absent setting as auto, and a stored one as is', () => {
    expect(formValueFromServer(server()).advanced.protocol).toBe('auto');
    expect(formValueFromServer(server({ config: { ...server().config, protocol: '2026-07-28' } })).advanced.protocol).toBe('2026-07-28');
  });

  it('sends a change, and null when set back to auto', () => {
    const auto = formValueFromServer(server());
    const legacy = formValueFromServer(server({ config: { ...server().config, protocol: 'legacy' } }));
    expect(
      toUpdateRequest(
        auto,
        edit(auto, (v) => (v.advanced.protocol = '2026-07-28')),
        4,
      ),
    ).toEqual({
      version: 4,
      config: { protocol: '2026-07-28' },
    });
    expect(
      toUpdateRequest(
        legacy,
        edit(legacy, (v) => (v.advanced.protocol = 'auto')),
        4,
      ),
    ).toEqual({ version: 4, config: { protocol: null } });
    expect(isEmptyUpdate(toUpdateRequest(legacy, structuredClone(legacy), 4))).toBe(true);
  });
});

describe('the tool drift policy', () => {
  const base = edit(emptyFormValue(), (v) => {
    v.name = 'p';
    v.stdio.command = 'node';
  });

  it('is left out of a registration at the fleet default and sent otherwise', () => {
    expect(base.advanced.toolPolicy).toBe('default');
    expect(toRegisterRequest(base).config).toEqual({ command: 'node' });
    expect(toRegisterRequest(edit(base, (v) => (v.advanced.toolPolicy = 'block'))).config).toEqual({
      command: 'node',
      toolPolicy: 'block',
    });
  });

  it('reads an absent policy as the fleet default, and a stored one as is', () => {
    expect(formValueFromServer(server()).advanced.toolPolicy).toBe('default');
    expect(formValueFromServer(server({ config: { ...server().config, toolPolicy: 'warn' } })).advanced.toolPolicy).toBe('warn');
  });

  it('sends a change, and null when set back to the fleet default', () => {
    const fleetDefault = formValueFromServer(server());
    const block = formValueFromServer(server({ config: { ...server().config, toolPolicy: 'block' } }));
    expect(
      toUpdateRequest(
        fleetDefault,
        edit(fleetDefault, (v) => (v.advanced.toolPolicy = 'warn')),
        4,
      ),
    ).toEqual({
      version: 4,
      config: { toolPolicy: 'warn' },
    });
    expect(
      toUpdateRequest(
        block,
        edit(block, (v) => (v.advanced.toolPolicy = 'default')),
        4,
      ),
    ).toEqual({
      version: 4,
      config: { toolPolicy: null },
    });
    expect(isEmptyUpdate(toUpdateRequest(block, structuredClone(block), 4))).toBe(true);
  });
});

describe('configValueMap', () => {
  it('keeps a stored secret left blank and replaces one given a value', () => {
    expect(
      configValueMap([
        { name: 'A', value: '', secret: true, stored: true },
        { name: 'B', value: 'new', secret: true, stored: true },
        { name: ' C ', value: 'plain', secret: false, stored: false },
      ]),
    ).toEqual({ A: { secret: true }, B: { secret: true, value: 'new' }, C: 'plain' });
  });
});

describe('formValueFromServer and toUpdateRequest', () => {
  const initial = formValueFromServer(server({ config: { ...server().config, requestTimeoutMs: 1000 } }));

  it('shows stored secrets without a value and defaults as empty', () => {
    expect(initial.stdio.env).toEqual([
      { name: 'TOKEN', value: '', secret: true, stored: true },
      { name: 'LOG', value: 'info', secret: false, stored: false },
    ]);
    expect(initial.advanced.startupTimeoutMs).toBeNull();
    expect(initial.advanced.requestTimeoutMs).toBe(1000);
  });

  it('sends nothing but the version when nothing changed', () => {
    const request = toUpdateRequest(initial, structuredClone(initial), 4);
    expect(request).toEqual({ version: 4 });
    expect(isEmptyUpdate(request)).toBe(true);
  });

  it('sends only changed fields, keeping stored secrets', () => {
    const current = edit(initial, (v) => {
      v.description = 'GitHub';
      v.stdio.env.push({ name: 'NEW', value: '1', secret: false, stored: false });
      v.advanced.requestTimeoutMs = null;
      v.advanced.killTimeoutMs = 5000;
      v.tags = ['a', 'b'];
    });
    expect(toUpdateRequest(initial, current, 4)).toEqual({
      version: 4,
      description: 'GitHub',
      tags: ['a', 'b'],
      config: { env: { TOKEN: { secret: true }, LOG: 'info', NEW: '1' }, requestTimeoutMs: null },
    });
  });

  it('sends null for an emptied field', () => {
    const current = edit(initial, (v) => {
      v.stdio.args = [];
      v.advanced.stopExitCodes = '';
    });
    expect(toUpdateRequest(initial, current, 4)).toEqual({ version: 4, config: { args: null } });
  });

  it('sends the new family whole when the transport changes family', () => {
    const current = edit(initial, (v) => {
      v.transport = 'streamable-http';
      v.remote.url = 'https://a.example/mcp';
    });
    expect(toUpdateRequest(initial, current, 4)).toEqual({
      version: 4,
      transport: 'streamable-http',
      config: { url: 'https://a.example/mcp' },
    });
  });
});

describe('parseExitCodes', () => {
  it('reads commas and spaces, refuses anything but whole numbers', () => {
    expect(parseExitCodes('0, 143 2')).toEqual([0, 143, 2]);
    expect(parseExitCodes('')).toEqual([]);
    expect(parseExitCodes('1, x')).toBeNull();
    expect(parseExitCodes('-1')).toBeNull();
  });
});

describe('fieldTarget', () => {
  it.each([
    ['name', { kind: 'control', path: ['name'] }],
    ['tags', { kind: 'control', path: ['tags'] }],
    ['config.command', { kind: 'control', path: ['stdio', 'command'] }],
    ['config.url', { kind: 'control', path: ['remote', 'url'] }],
    ['config.startupTimeoutMs', { kind: 'control', path: ['advanced', 'startupTimeoutMs'] }],
    ['config.stopExitCodes', { kind: 'control', path: ['advanced', 'stopExitCodes'] }],
    ['config.protocol', { kind: 'control', path: ['advanced', 'protocol'] }],
    ['config.args', { kind: 'list', list: 'args' }],
    ['config.args.2', { kind: 'arg', index: 2 }],
    ['config.env', { kind: 'list', list: 'env' }],
    ['config.env.LD_PRELOAD', { kind: 'row', list: 'env', name: 'LD_PRELOAD' }],
    ['config.headers.X.Team', { kind: 'row', list: 'headers', name: 'X.Team' }],
  ])('%s', (path, target) => expect(fieldTarget(path)).toEqual(target));

  it('has no place for unknown paths', () => {
    expect(fieldTarget('config')).toBeNull();
    expect(fieldTarget('Idempotency-Key')).toBeNull();
    expect(fieldTarget('config.nope')).toBeNull();
  });
});
