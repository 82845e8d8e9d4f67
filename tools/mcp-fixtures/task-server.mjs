// A 2026-07-28 server with the Tasks extension (io.modelcontextprotocol/tasks, SEP-2663), over
// stdio. `report {steps}` and `broken_job {}` answer `tools/call` with a task handle
// (`resultType: 'task'`) when the request declares the extension in its client capabilities,
// and at once otherwise (a server must not hand a task to a client that cannot poll it). A task
// works for `steps` polls of `tasks/get`, then completes with its result inlined (or fails with
// an error); `tasks/cancel` cancels it. The fixture tools of lib.mjs are there too.
import { fromJsonSchema } from '@modelcontextprotocol/server';

import { createFixtureServer, serveStdio } from './lib.mjs';

const TASKS = 'io.modelcontextprotocol/tasks';
const CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
/** Process-wide: serveStdio may build more than one server instance. */
const tasks = new Map();
let next = 0;

const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });
const taskIdParams = { '~standard': { version: 1, vendor: 'fixture', validate: (value) => ({ value }) } };

function declaresTasks(ctx) {
  const capabilities = ctx.mcpReq.envelope?.[CAPABILITIES];
  return capabilities?.extensions?.[TASKS] !== undefined;
}

function view(task) {
  const { outcome, pollsLeft, ...shown } = task;
  return shown;
}

function createTask(outcome, steps) {
  const now = new Date().toISOString();
  const task = { taskId: `task-${++next}`, status: 'working', createdAt: now, lastUpdatedAt: now, ttlMs: 60_000, pollIntervalMs: 100 };
  tasks.set(task.taskId, { ...task, outcome, pollsLeft: steps });
  return { ...task, resultType: 'task' };
}

/** One poll: a working task moves one step towards its outcome. */
function poll(taskId) {
  const task = tasks.get(taskId);
  if (!task) throw Object.assign(new Error(`Unknown task ${taskId}`), { code: -32602 });
  if (task.status === 'working') {
    task.pollsLeft -= 1;
    if (task.pollsLeft <= 0) {
      delete task.statusMessage;
      Object.assign(task, task.outcome, { lastUpdatedAt: new Date().toISOString() });
    } else {
      task.statusMessage = `${task.pollsLeft} step(s) to go`;
    }
  }
  return { ...view(task), resultType: 'complete' };
}

function factory() {
  const server = createFixtureServer({ name: 'task-server' });
  server.registerTool(
    'report',
    {
      description: 'Build a report (a task when the client takes tasks)',
      inputSchema: fromJsonSchema({ type: 'object', properties: { steps: { type: 'number' } }, required: ['steps'] }),
    },
    ({ steps }, ctx) => {
      if (!declaresTasks(ctx)) return text('report ready at once (no task)');
      return createTask({ status: 'completed', result: { ...text(`report ready after ${steps} step(s)`), resultType: 'complete' } }, steps);
    },
  );
  server.registerTool('broken_job', { description: 'A job that fails (a task when the client takes tasks)' }, (ctx) =>
    declaresTasks(ctx)
      ? createTask({ status: 'failed', error: { code: -32603, message: 'job failed: disk full' } }, 2)
      : { ...text('job failed: disk full'), isError: true },
  );
  server.server.setRequestHandler('tasks/get', { params: taskIdParams }, ({ taskId }) => poll(taskId));
  server.server.setRequestHandler('tasks/cancel', { params: taskIdParams }, ({ taskId }) => {
    const task = tasks.get(taskId);
    if (task && task.status === 'working') {
      Object.assign(task, { status: 'cancelled', lastUpdatedAt: new Date().toISOString() });
      console.error(`${taskId} cancelled`);
    }
    return { resultType: 'complete' };
  });
  return server;
}

process.on('SIGTERM', () => process.exit(0));
serveStdio(factory);
console.error(`fixture task-server ready pid=${process.pid}`);
