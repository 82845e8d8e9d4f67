// Preloaded into the conformance CLI (`node --import <this file>`) by run.mjs when --header is given.
// The CLI has no option for extra request headers, so this adds the headers to every request sent to the
// target origin, on the three paths the suite uses: undici's global dispatcher, which both the built-in
// fetch (MCP SDK client transport) and the `undici` package's request() go through, and node:http(s)
// request()/get() (the SEP-2243 header-validation scenarios).
//
// Env: CONFORMANCE_INJECT_HEADERS  JSON array of [name, value] pairs
//      CONFORMANCE_TARGET_ORIGIN   origin of the URL under test (only that origin gets the headers)
//      CONFORMANCE_UNDICI_PATH     absolute path of the undici package entry installed with the CLI
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const extra = JSON.parse(process.env.CONFORMANCE_INJECT_HEADERS ?? '[]');
const target = process.env.CONFORMANCE_TARGET_ORIGIN;
const { Agent, getGlobalDispatcher, setGlobalDispatcher } = require(process.env.CONFORMANCE_UNDICI_PATH);

const inner = getGlobalDispatcher() ?? new Agent();
const names = new Set(extra.map(([name]) => name.toLowerCase()));

function withHeaders(headers) {
  // undici accepts headers as a flat [k, v, k, v] array, an array of pairs, an iterable or a plain object.
  const pairs = [];
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) pairs.push(...headers);
    else for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i], headers[i + 1]]);
  } else if (headers && typeof headers[Symbol.iterator] === 'function') {
    pairs.push(...headers);
  } else if (headers) {
    pairs.push(...Object.entries(headers));
  }
  const out = {};
  for (const [name, value] of pairs) {
    if (value === undefined || names.has(String(name).toLowerCase())) continue;
    out[name] = value;
  }
  for (const [name, value] of extra) out[name] = value;
  return out;
}

const dispatcher = Object.assign(Object.create(inner), {
  dispatch(opts, handler) {
    const origin = opts.origin ? new URL(String(opts.origin)).origin : undefined;
    const next = origin === target ? { ...opts, headers: withHeaders(opts.headers) } : opts;
    return inner.dispatch(next, handler);
  },
  close: (...args) => inner.close(...args),
  destroy: (...args) => inner.destroy(...args),
});

setGlobalDispatcher(dispatcher);

// node:http(s): request(url[, options][, cb]) or request(options[, cb]).
function originOf(url, options, defaultProtocol) {
  if (url) return new URL(String(url)).origin;
  const protocol = options.protocol ?? defaultProtocol;
  const host = options.hostname ?? options.host ?? 'localhost';
  const port = options.port && String(options.port) !== (protocol === 'https:' ? '443' : '80') ? `:${options.port}` : '';
  return `${protocol}//${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port}`;
}

for (const [mod, protocol] of [
  [http, 'http:'],
  [https, 'https:'],
]) {
  for (const method of ['request', 'get']) {
    const original = mod[method];
    mod[method] = function (...args) {
      const url = typeof args[0] === 'string' || args[0] instanceof URL ? args.shift() : undefined;
      const options = args[0] && typeof args[0] === 'object' ? args.shift() : {};
      if (originOf(url, options, protocol) === target) {
        const headers = withHeaders(options.headers);
        return url ? original.call(mod, url, { ...options, headers }, ...args) : original.call(mod, { ...options, headers }, ...args);
      }
      return url ? original.call(mod, url, options, ...args) : original.call(mod, options, ...args);
    };
  }
}
