// Working stdio server that waits <seconds> (default 10) before it starts reading stdin.
import { serveStdio } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 10);
console.error(`fixture slow-start pid=${process.pid}: serving in ${seconds}s`);
setTimeout(() => {
  serveStdio('slow-start');
  console.error('fixture slow-start ready');
}, seconds * 1000);
