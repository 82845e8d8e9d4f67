// Working stdio server that writes <count> numbered stderr lines as it starts (default 1200),
// <perSecond> a second (default 300, under the API's per-run log rate limit), the first one
// "fixture many-lines: the first line": more than one page of a log tail (1,000 lines), so only
// a search of the whole run finds that one.
import { serveStdio } from './lib.mjs';

const count = Number(process.argv[2] ?? 1200);
const perSecond = Number(process.argv[3] ?? 300);
serveStdio('many-lines');
console.error('fixture many-lines: the first line');
let written = 1;
const timer = setInterval(() => {
  for (let i = 0; i < perSecond / 10 && written < count; i++) {
    written += 1;
    console.error(`fixture many-lines: line ${written} of ${count}`);
  }
  if (written >= count) clearInterval(timer);
}, 100);
