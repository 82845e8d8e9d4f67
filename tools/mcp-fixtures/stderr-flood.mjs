// Working stdio server that writes 10 KB stderr lines as fast as the reader takes them, forever.
// It honours backpressure: if nobody drains stderr the flood stalls (memory stays bounded)
// while MCP keeps being served. Ignoring backpressure would queue gigabytes in memory instead.
import { serveStdio } from './lib.mjs';

serveStdio('stderr-flood');
console.error(`fixture stderr-flood ready pid=${process.pid}`);
const line = `${'x'.repeat(10 * 1024 - 1)}\n`;
let running = true;
process.stdin.once('end', () => (running = false)); // stop on EOF so the process can exit
(function flood() {
  if (!running) return;
  for (let i = 0; i < 64; i++) {
    if (!process.stderr.write(line)) return void process.stderr.once('drain', flood);
  }
  setImmediate(flood); // yield so stdin (MCP) is still served between bursts
})();
