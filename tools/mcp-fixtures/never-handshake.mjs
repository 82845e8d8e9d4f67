// Hostile: reads stdin but never answers anything; a timer keeps it alive. SIGTERM kills it (default action).
process.stdin.resume();
setInterval(() => undefined, 1000);
console.error(`fixture never-handshake pid=${process.pid}: reading stdin, answering nothing`);
