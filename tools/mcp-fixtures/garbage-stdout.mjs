// Hostile: writes non-JSON lines to stdout and never speaks MCP.
process.stdin.resume();
process.stdout.write('hello this is not json\n');
setInterval(() => process.stdout.write('still not json {oops\n'), 500);
console.error(`fixture garbage-stdout pid=${process.pid}`);
