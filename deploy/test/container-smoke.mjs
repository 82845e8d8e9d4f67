// The checks of deploy/test/container-smoke.sh, which provides a Docker engine (DOCKER,
// DOCKER_HOST) and a base image (BASE_IMAGE). Builds the product image, runs three replicas of
// it on a fresh PostgreSQL database, checks, and removes everything it created.
//
//   node deploy/test/container-smoke.mjs [--report DIR]   (DIR gets container.json and container.md)
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';

import pg from 'pg';
import { io } from 'socket.io-client';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const DOCKER = process.env.DOCKER ?? 'docker';
const BASE_IMAGE = process.env.BASE_IMAGE ?? 'node:20-bookworm-slim';
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const IMAGE = `mcp-fleet:smoke-${RUN}`;
const DATABASE = `mcp_fleet_smoke_${RUN}`;
const REPLICAS = 3;
const TAKEOVER_MS = 15_000;
/** Where the fixture server and the packages it imports are mounted, read-only, in each container. */
const FIXTURE = '/opt/fixtures/tools/mcp-fixtures/v2-server.mjs';
const ADMIN = { email: 'smoke@example.com', password: `smoke-${randomBytes(12).toString('hex')}` };

const { values: options } = parseArgs({ options: { report: { type: 'string' } } });
const created = { containers: [], volumes: [], image: false, database: false, proxy: undefined };
const figures = {};
const checks = [];

function check(ok, what, detail = '') {
  checks.push({ ok: Boolean(ok), what, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) {
    throw new Error(`check failed: ${what}${detail ? ` (${detail})` : ''}`);
  }
}

async function docker(...args) {
  const { stdout } = await run(DOCKER, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

async function dockerStatus(...args) {
  return run(DOCKER, args).then(
    () => 0,
    (error) => error.code ?? 1,
  );
}

/** Builds the image, its log to a file; prints the log's tail when the build fails. */
function build() {
  const log = [];
  return new Promise((done, fail) => {
    const args = [
      'build',
      '--network',
      'host',
      '--progress',
      'plain',
      '--build-arg',
      `NODE_IMAGE=${BASE_IMAGE}`,
      '--build-arg',
      `REVISION=${revision()}`,
    ];
    // The CA bundle npm trusts here (a TLS-inspecting proxy's, say), as a build secret.
    const ca = npmCaFile();
    if (ca) args.push('--secret', `id=npm_ca,src=${ca}`);
    const child = spawn(DOCKER, [...args, '-f', 'deploy/Dockerfile', '-t', IMAGE, '.'], {
      cwd: ROOT,
      env: { ...process.env, DOCKER_BUILDKIT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => {
      log.push(chunk.toString());
      if (log.length > 400) log.splice(0, log.length - 400);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) return done();
      console.error(log.join('').split('\n').slice(-60).join('\n'));
      fail(new Error(`docker build exited with ${code}`));
    });
  });
}

function npmCaFile() {
  if (process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS)) return process.env.NODE_EXTRA_CA_CERTS;
  const result = spawnSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' });
  const file = result.stdout?.trim();
  return file && file !== 'null' && file !== 'undefined' && existsSync(file) ? file : undefined;
}

function revision() {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function http(base, method, path, { token, body } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, body: json };
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting ${timeoutMs} ms for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The processes of a running container whose command line names the fixture server. */
async function fixtureProcesses(container) {
  const out = await docker('top', container, '-eo', 'pid,args');
  return out
    .split('\n')
    .slice(1)
    .filter((line) => line.includes(FIXTURE));
}

/** Processes anywhere on this machine running the fixture server (the containers share its kernel). */
function fixtureProcessesOnHost() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(FIXTURE)) found.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * nginx with deploy/nginx/mcp-fleet.conf, the compose file's proxy, in front of the replicas:
 * the compose service names become their loopback ports. Undefined when nginx is not installed.
 */
async function startProxy(ports) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
  if (!nginx) {
    console.log('skip nginx is not installed: the proxy of the compose file is not checked');
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'mcp-fleet-smoke-nginx-'));
  const port = await freePort();
  let site = await readFile(join(ROOT, 'deploy', 'nginx', 'mcp-fleet.conf'), 'utf8');
  ports.forEach((replicaPort, n) => (site = site.replaceAll(`api-${n + 1}:3000`, `127.0.0.1:${replicaPort}`)));
  site = site.replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  const conf = [
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'events {}',
    'http {',
    `  log_format upstream '$request_uri $status $upstream_addr';`,
    `  access_log ${dir}/access.log upstream;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    site,
    '}',
  ].join('\n');
  await writeFile(join(dir, 'nginx.conf'), conf);
  const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  created.proxy = { child, dir };
  const base = `http://127.0.0.1:${port}`;
  await until('nginx to answer', 10_000, async () => (await http(base, 'GET', '/health')).status === 200);
  return { base, log: join(dir, 'access.log') };
}

/** The upstream each proxied request matching a path went to, from nginx's access log. */
async function upstreamsOf(log, path) {
  return (await readFile(log, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith(`${path} `))
    .map((line) => line.split(' ')[2]);
}

async function startReplica(n, ports, databaseUrl, secrets) {
  const name = `mcp-fleet-smoke-${RUN}-${n}`;
  const volume = `${name}-data`;
  created.volumes.push(volume);
  const port = ports[n - 1];
  const begun = performance.now();
  await docker(
    'run',
    '--detach',
    '--name',
    name,
    '--network',
    'host',
    '--read-only',
    '--tmpfs',
    '/tmp:rw,nosuid,nodev,size=64m',
    '--volume',
    `${volume}:/data`,
    '--volume',
    `${join(ROOT, 'tools', 'mcp-fixtures')}:/opt/fixtures/tools/mcp-fixtures:ro`,
    '--volume',
    `${join(ROOT, 'node_modules')}:/opt/fixtures/node_modules:ro`,
    '--stop-timeout',
    '30',
    '--env',
    `PORT=${port}`,
    '--env',
    'HOST=127.0.0.1',
    '--env',
    `INSTANCE_ID=smoke-${n}`,
    '--env',
    `ADVERTISE_URL=http://127.0.0.1:${port}`,
    '--env',
    `DATABASE_URL=${databaseUrl}`,
    '--env',
    `JWT_SECRET=${secrets.jwt}`,
    '--env',
    `SECRETS_KEY=${secrets.key}`,
    '--env',
    `ADMIN_EMAIL=${ADMIN.email}`,
    '--env',
    `ADMIN_PASSWORD=${ADMIN.password}`,
    IMAGE,
  );
  created.containers.push(name);
  const base = `http://127.0.0.1:${port}`;
  // A container that exited will never answer: that ends the wait at once (until() retries on errors).
  const outcome = await until(`${name} to answer /ready`, 120_000, async () => {
    if ((await docker('inspect', '-f', '{{.State.Running}}', name)) !== 'true') return 'exited';
    return (await http(base, 'GET', '/ready')).status === 200 ? 'ready' : undefined;
  }).catch((error) => error);
  if (outcome !== 'ready') {
    console.error((await docker('logs', '--tail', '60', name).catch(() => '')) || '(no logs)');
    throw outcome === 'exited' ? new Error(`${name} exited before it was ready`) : outcome;
  }
  return { name, base, instanceId: `smoke-${n}`, readyMs: Math.round(performance.now() - begun) };
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    console.log(`container smoke: building ${IMAGE} on ${BASE_IMAGE}`);
    let begun = performance.now();
    await build();
    created.image = true;
    figures.buildSeconds = Math.round((performance.now() - begun) / 100) / 10;
    const [inspected] = JSON.parse(await docker('image', 'inspect', IMAGE));
    figures.imageBytes = inspected.Size;
    figures.imageMiB = Math.round(inspected.Size / 1024 / 1024);
    const config = inspected.Config;
    check(config.User === '1000:1000', 'the image runs as uid 1000, not root', config.User);
    check(
      config.Entrypoint?.[0] === '/usr/bin/tini' && config.Entrypoint.includes('-g'),
      'tini is the entrypoint, forwarding signals to the process group',
      JSON.stringify(config.Entrypoint),
    );
    check(Boolean(config.Healthcheck?.Test?.length), 'the image has a HEALTHCHECK');
    const labels = Object.keys(config.Labels ?? {}).filter((key) => key.startsWith('org.opencontainers.image.'));
    check(labels.length >= 4, 'OCI labels', labels.join(', '));
    const env = (config.Env ?? []).join('\n');
    check(!/(JWT_SECRET|SECRETS_KEY|DATABASE_URL|PASSWORD)=/.test(env), 'no secret is baked into the image environment');
    const devOnly = await dockerStatus('run', '--rm', '--network', 'none', '--entrypoint', 'node', IMAGE, '-e', "require.resolve('jest')");
    check(devOnly !== 0, 'production dependencies only (jest is not in the image)');

    await admin.query(`CREATE DATABASE ${DATABASE}`);
    created.database = true;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${DATABASE}`;
    const secrets = { jwt: randomBytes(32).toString('hex'), key: randomBytes(32).toString('hex') };
    const ports = [];
    while (ports.length < REPLICAS) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    // One at a time, as a rolling deployment starts them: start-up time to /ready each.
    const replicas = [];
    for (let n = 1; n <= REPLICAS; n++) {
      replicas.push(await startReplica(n, ports, url.toString(), secrets));
    }
    figures.readyMs = replicas.map((replica) => replica.readyMs);
    check(true, `three replicas answer /ready`, `start-up ${figures.readyMs.join(', ')} ms`);

    for (const replica of replicas) {
      const [uid, pid1, roRoot, writable] = await Promise.all([
        docker('exec', replica.name, 'id', '-u'),
        docker('exec', replica.name, 'cat', '/proc/1/cmdline'),
        dockerStatus('exec', replica.name, 'touch', '/app/written'),
        dockerStatus('exec', replica.name, 'sh', '-c', 'touch /data/written /tmp/written && rm /data/written /tmp/written'),
      ]);
      check(uid === '1000', `${replica.name} runs as uid 1000`, `uid ${uid}`);
      check(pid1.startsWith('/usr/bin/tini'), `${replica.name} has tini as PID 1`);
      check(roRoot !== 0 && writable === 0, `${replica.name} has a read-only root with /data and /tmp writable`);
    }

    const [r1, r2, r3] = replicas;
    const page = await fetch(`${r2.base}/servers`, { signal: AbortSignal.timeout(10_000) });
    const html = await page.text();
    check(
      page.status === 200 && html.includes('<mf-root>'),
      'the console is built in and served (a deep link answers its page)',
      `HTTP ${page.status}`,
    );
    const login = await http(r1.base, 'POST', '/api/auth/login', { body: ADMIN });
    check(login.status === 200 || login.status === 201, 'sign in as the bootstrap admin', `HTTP ${login.status}`);
    const token = login.body.accessToken;
    const registered = await http(r1.base, 'POST', '/api/mcp/servers', {
      token,
      body: { name: `smoke-${RUN}`, transport: 'stdio', config: { command: 'node', args: [FIXTURE] } },
    });
    check(registered.status === 201, 'a stdio server registered through replica 1', `HTTP ${registered.status}`);
    const id = registered.body.id;
    const started = await http(r2.base, 'POST', `/api/mcp/servers/${id}/start`, { token });
    check(
      started.status === 200 && started.body.state === 'running',
      'started through replica 2',
      `HTTP ${started.status} ${started.body?.state}`,
    );
    const called = await http(r3.base, 'POST', `/api/mcp/servers/${id}/tools/echo/call`, {
      token,
      body: { arguments: { text: 'through replica 3' } },
    });
    const text = called.body?.result?.content?.[0]?.text;
    check(
      called.status === 200 && text === 'through replica 3',
      'its tool called through replica 3',
      `HTTP ${called.status} ${JSON.stringify(text)}`,
    );

    const counts = await Promise.all(replicas.map(async (replica) => (await fixtureProcesses(replica.name)).length));
    const owner = (await http(r3.base, 'GET', `/api/mcp/servers/${id}`, { token })).body.owner;
    const owning = replicas.find((replica) => replica.instanceId === owner);
    check(
      counts.reduce((a, b) => a + b, 0) === 1 && owning && counts[replicas.indexOf(owning)] === 1,
      'exactly one process of the server, in the container of its owner',
      `per container ${counts.join('/')}, owner ${owner}`,
    );

    const proxy = await startProxy(replicas.map((replica) => Number(new URL(replica.base).port)));
    let socket;
    const heard = [];
    let traffic;
    if (proxy) {
      const spread = [];
      for (let n = 0; n < 9; n++) spread.push((await http(proxy.base, 'GET', `/api/mcp/servers/${id}`, { token })).status);
      const upstreams = new Set(await upstreamsOf(proxy.log, `/api/mcp/servers/${id}`));
      check(
        spread.every((status) => status === 200) && upstreams.size === REPLICAS,
        'nginx spreads REST requests over the three replicas',
        `${upstreams.size} upstreams`,
      );
      // Reconnects through nginx (to a surviving replica) when its replica stops, as the console does.
      socket = io(proxy.base, { path: '/api/mcp/ws', transports: ['websocket'], auth: { token }, reconnectionDelay: 200, forceNew: true });
      socket.on('new_event', (event) => heard.push(event));
      socket.on('connect', () => socket.emit('subscribe', { events: ['new_event'] }));
      await new Promise((done, fail) => {
        socket.once('subscription_confirmed', done);
        socket.once('connect_error', fail);
      });
      check(true, 'a Socket.IO client connects through nginx over WebSocket');
      // A steady reader through the proxy while the owner's container stops.
      traffic = { ok: 0, failed: [], stop: false };
      traffic.done = (async () => {
        while (!traffic.stop) {
          const answer = await http(proxy.base, 'GET', `/api/mcp/servers/${id}`, { token }).catch((error) => ({ status: String(error) }));
          if (answer.status === 200) traffic.ok += 1;
          else traffic.failed.push(answer.status);
          await new Promise((done) => setTimeout(done, 100));
        }
      })();
    }

    const others = replicas.filter((replica) => replica !== owning);
    begun = performance.now();
    await docker('stop', owning.name);
    const stopMs = performance.now() - begun;
    const moved = await until('the server to run under another replica', 60_000, async () => {
      const detail = (await http(others[0].base, 'GET', `/api/mcp/servers/${id}`, { token })).body;
      return detail.state === 'running' && detail.owner && detail.owner !== owning.instanceId ? detail : undefined;
    });
    figures.handoverMs = Math.round(performance.now() - begun);
    figures.ownerStopMs = Math.round(stopMs);
    if (traffic) {
      await new Promise((done) => setTimeout(done, 1000));
      traffic.stop = true;
      await traffic.done;
      check(
        traffic.failed.length === 0 && traffic.ok > 0,
        'no request through nginx failed while a replica stopped',
        `${traffic.ok} ok, failed: ${traffic.failed.join(', ') || 'none'}`,
      );
      // Caused on one replica, heard through nginx on whichever replica the socket reached.
      const restartBegun = Date.now();
      const restarted = await http(others[1].base, 'POST', `/api/mcp/servers/${id}/restart`, { token });
      check(
        restarted.status === 200 && restarted.body.state === 'running',
        'restarted through a surviving replica',
        `HTTP ${restarted.status}`,
      );
      const event = await until('the restart on the socket', 15_000, async () =>
        heard.find((e) => e.serverId === id && e.type === 'server.started' && Date.parse(e.timestamp) >= restartBegun - 50),
      ).catch(() => undefined);
      check(
        Boolean(event),
        'a socket behind nginx hears the events of the fleet after a replica stopped',
        event ? `${event.type} from ${event.instanceId}` : 'not heard',
      );
      socket.disconnect();
    }
    check(
      figures.handoverMs <= TAKEOVER_MS,
      `docker stop of the owner moves the server within ${TAKEOVER_MS / 1000} s`,
      `${figures.handoverMs} ms to ${moved.owner}, the container stopped in ${figures.ownerStopMs} ms`,
    );
    const exit = await docker('inspect', '-f', '{{.State.ExitCode}}', owning.name);
    check(exit !== '137', 'the owner exited on SIGTERM without being killed', `exit code ${exit}`);
    const after = await Promise.all(others.map(async (replica) => (await fixtureProcesses(replica.name)).length));
    check(
      after.reduce((a, b) => a + b, 0) === 1 && fixtureProcessesOnHost().length === 1,
      'still exactly one process of the server',
      `per container ${after.join('/')}`,
    );
    const again = await http(others[1].base, 'POST', `/api/mcp/servers/${id}/tools/echo/call`, {
      token,
      body: { arguments: { text: 'after the move' } },
    });
    check(
      again.status === 200 && again.body?.result?.content?.[0]?.text === 'after the move',
      'its tool answers after the move',
      `HTTP ${again.status}`,
    );

    for (const replica of others) {
      await docker('stop', replica.name);
    }
    const left = fixtureProcessesOnHost();
    check(left.length === 0, 'docker stop of the last replicas leaves no process behind', `${left.length} left`);
    const codes = await Promise.all(others.map((replica) => docker('inspect', '-f', '{{.State.ExitCode}}', replica.name)));
    check(!codes.includes('137'), 'every replica stopped on SIGTERM within its grace period', `exit codes ${codes.join(', ')}`);
  } finally {
    await cleanUp(admin);
  }
}

async function cleanUp(admin) {
  if (created.proxy) {
    created.proxy.child.kill('SIGTERM');
    await rm(created.proxy.dir, { recursive: true, force: true });
  }
  for (const name of created.containers) await dockerStatus('rm', '--force', '--volumes', name);
  for (const volume of created.volumes) await dockerStatus('volume', 'rm', '--force', volume);
  if (created.image) await dockerStatus('rmi', '--force', IMAGE);
  if (created.database) await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}

async function report(dir, outcome) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const data = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model.trim()} x ${cpus().length} CPUs, Node ${process.version}`,
    base: BASE_IMAGE,
    outcome,
    ...figures,
    checks,
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'container.json'), `${JSON.stringify(data, null, 2)}\n`);
  const lines = [
    '# Container image - latest run',
    '',
    'Generated by `deploy/test/container-smoke.sh --report bench/results`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${data.date}`,
    `- Machine: ${data.machine}; Docker engine with the vfs storage driver, host network`,
    `- Base image: \`${BASE_IMAGE}\` (a local stand-in for \`node:20-bookworm-slim\` unless it says so)`,
    `- Outcome: **${outcome}** (${checks.filter((c) => c.ok).length} checks passed)`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| image size | ${figures.imageMiB ?? '-'} MiB |`,
    `| image build (${process.env.SMOKE_FRESH_ENGINE ? 'a fresh engine: no layer cached' : 'an engine with earlier layers cached'}) | ${figures.buildSeconds ?? '-'} s |`,
    `| start-up to \`/ready\`, first replica (runs the migrations) | ${figures.readyMs?.[0] ?? '-'} ms |`,
    `| start-up to \`/ready\`, median of ${figures.readyMs?.length ?? 0} | ${figures.readyMs ? median(figures.readyMs) : '-'} ms |`,
    `| \`docker stop\` of the owner until its server runs under another replica | ${figures.handoverMs ?? '-'} ms |`,
    `| \`docker stop\` of the owner (SIGTERM to exit) | ${figures.ownerStopMs ?? '-'} ms |`,
    '',
    '## Checks',
    '',
    ...checks.map((c) => `- ${c.ok ? 'ok' : 'FAILED'}: ${c.what}${c.detail ? ` (${c.detail})` : ''}`),
    '',
  ];
  await writeFile(join(dir, 'container.md'), lines.join('\n'));
}

let outcome = 'passed';
try {
  await main();
  console.log(`container smoke: passed (${checks.length} checks)`);
} catch (error) {
  outcome = 'failed';
  console.error(`container smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
if (options.report) {
  await report(resolve(options.report), outcome);
}
// An open socket or timer of a failed run must not keep the process alive.
process.exit(process.exitCode ?? 0);
