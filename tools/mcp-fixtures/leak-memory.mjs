// Working stdio server that allocates and keeps ~20 MB more every second.
import { serveStdio } from './lib.mjs';

const hoard = [];
serveStdio('leak-memory');
console.error(`fixture leak-memory ready pid=${process.pid}`);
setInterval(() => {
  hoard.push(Buffer.alloc(20 * 1024 * 1024, hoard.length + 1)); // non-zero fill: pages really get touched
  console.error(`fixture leak-memory: holding ${hoard.length * 20} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
}, 1000).unref(); // unref: stdin EOF still ends the process normally
