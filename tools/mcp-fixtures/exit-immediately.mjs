// Hostile: exits with <code> (default 3) before any handshake, after one stderr line.
const code = Number(process.argv[2] ?? 3);
process.stderr.write(`fixture exit-immediately: exiting with code ${code}\n`);
process.exit(code);
