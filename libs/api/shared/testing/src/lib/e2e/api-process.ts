import { type ChildProcess, spawn } from 'node:child_process';

import { API_MAIN } from './repo-paths';

export interface RunningApi {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the API printed so far (JSON log lines). */
  output(): string;
  /** Sends `signal` and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built API (`dist/apps/api/main.js`) the way an operator would, on a port
 * the OS picks, and resolves once it logs that it is listening.
 */
export function startApi(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningApi> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    return exited;
  };

  return new Promise<RunningApi>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`API did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"mcp-fleet is listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], process: child, output: () => output, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with code ${code} before listening:\n${output}`));
    });
  });
}

/** Runs the API to completion (for boot failures) and returns its exit code and output. */
export async function runApiUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  clearTimeout(timer);
  return { code, output };
}
