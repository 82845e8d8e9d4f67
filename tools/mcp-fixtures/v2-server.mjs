// Well-behaved fixture. `node v2-server.mjs` = stdio; `node v2-server.mjs http [port]` = Streamable HTTP.
import { createFixtureServer, serveHttp, serveStdio } from './lib.mjs';

const [mode, port = '0'] = process.argv.slice(2);
const factory = () => createFixtureServer({ name: 'v2-server' });

process.on('SIGTERM', () => process.exit(0));
if (mode === 'http') await serveHttp(factory, Number(port));
else serveStdio(factory);
console.error(`fixture v2-server ready pid=${process.pid}`);
