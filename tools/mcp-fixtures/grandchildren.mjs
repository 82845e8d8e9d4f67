// Working stdio server that first spawns 2 grandchildren (not detached, same process group) which
// ignore SIGTERM, have no stdin and hold timers. They inherit our stdout/stderr, so those pipes
// stay open until the grandchildren die. Once both have installed their SIGTERM handler, the pids
// are appended to $FIXTURE_PID_FILE (self first, one per line) and printed on stderr as
// `PIDS <self> <gc1> <gc2>`; only then does MCP serving start.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { once } from 'node:events';
import { serveStdio } from './lib.mjs';

const code = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send('ready'); process.disconnect();";
const kids = [1, 2].map(() => spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
await Promise.all(kids.map((kid) => once(kid, 'message')));
const pids = [process.pid, ...kids.map((kid) => kid.pid)];
if (process.env.FIXTURE_PID_FILE) appendFileSync(process.env.FIXTURE_PID_FILE, pids.map((pid) => `${pid}\n`).join(''));
console.error(`PIDS ${pids.join(' ')}`);
serveStdio('grandchildren');
