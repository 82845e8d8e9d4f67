// Working stdio server that exits with [code] (default 1) after <seconds> (crash/restart tests).
import { serveStdio } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 5);
const code = Number(process.argv[3] ?? 1);
serveStdio('exit-after');
console.error(`fixture exit-after ready pid=${process.pid}, exiting with ${code} in ${seconds}s`);
setTimeout(() => {
  console.error(`fixture exit-after: exiting with code ${code}`);
  process.exit(code);
}, seconds * 1000).unref(); // unref: stdin EOF still ends the process normally
