import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';

import Fastify, { type FastifyInstance } from 'fastify';

import { IMMUTABLE, registerConsole } from './console-static';

/** A console build as `nx build console` leaves it: hashed assets with .br/.gz siblings. */
function fakeBuild(dir: string): { script: string } {
  const script = `console.log(${JSON.stringify('mcp-fleet '.repeat(400))});\n`;
  const html = '<!doctype html><html><head><script src="main-5DKPXPMP.js" type="module"></script></head><body></body></html>\n';
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(html));
  writeFileSync(join(dir, 'main-5DKPXPMP.js'), script);
  writeFileSync(join(dir, 'main-5DKPXPMP.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'main-5DKPXPMP.js.gz'), gzipSync(script));
  writeFileSync(join(dir, 'favicon.ico'), Buffer.alloc(64, 1));
  mkdirSync(join(dir, 'media'));
  writeFileSync(join(dir, 'media', 'material-symbols-outlined-Q2W3E4R5.woff2'), Buffer.alloc(64, 2));
  return { script };
}

describe('registerConsole', () => {
  let dir: string;
  let app: FastifyInstance;
  let script: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mf-console-static-'));
    ({ script } = fakeBuild(dir));
    app = Fastify();
    expect(await registerConsole(app, dir)).toBe(true);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the Brotli sibling of a hashed script to a browser that accepts it, cached for a year', async () => {
    const response = await app.inject({ url: '/main-5DKPXPMP.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['vary']).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file, each varying on Accept-Encoding', async () => {
    const gzip = await app.inject({ url: '/main-5DKPXPMP.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    const plain = await app.inject({ url: '/main-5DKPXPMP.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('long-caches hashed fonts too, but not unhashed files', async () => {
    const font = await app.inject({ url: '/media/material-symbols-outlined-Q2W3E4R5.woff2' });
    expect(font.statusCode).toBe(200);
    expect(font.headers['cache-control']).toBe(IMMUTABLE);
    const favicon = await app.inject({ url: '/favicon.ico' });
    expect(favicon.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/', '/index.html', '/servers/alpha?tab=logs'])('serves index.html for %s compressed and no-cache', async (url) => {
    const response = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(response.rawPayload).toString()).toContain('main-5DKPXPMP.js');
  });

  it('answers unknown API paths with a 404 error body, not the console', async () => {
    const response = await app.inject({ url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('reports a missing build', async () => {
    const empty = Fastify();
    expect(await registerConsole(empty, join(dir, 'media'))).toBe(false);
    await empty.close();
  });
});
