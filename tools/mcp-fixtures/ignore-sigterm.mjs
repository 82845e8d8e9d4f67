// Working stdio server that ignores SIGTERM and stdin EOF: only SIGKILL ends it.
import { serveStdio } from './lib.mjs';

process.on('SIGTERM', () => console.error('fixture ignore-sigterm: got SIGTERM, ignoring'));
serveStdio('ignore-sigterm');
setInterval(() => undefined, 1000); // keeps the process alive after stdin EOF
console.error(`fixture ignore-sigterm ready pid=${process.pid}`);
