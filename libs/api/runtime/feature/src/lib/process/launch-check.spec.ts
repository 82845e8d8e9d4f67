import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchProblem } from './launch-check';

describe('launchProblem: what the exec would fail on, before the spawn', () => {
  let dir: string;
  let script: string;
  let plain: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'launch-check-'));
    script = join(dir, 'server.sh');
    writeFileSync(script, '#!/bin/sh\n');
    chmodSync(script, 0o755);
    plain = join(dir, 'notes.txt');
    writeFileSync(plain, 'not a program');
    chmodSync(plain, 0o644);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a command on the PATH the server gets, and an absolute executable', () => {
    expect(launchProblem('server.sh', undefined, `/nowhere:${dir}`)).toBeNull();
    expect(launchProblem(script, undefined, '')).toBeNull();
    expect(launchProblem('./server.sh', dir, '')).toBeNull();
  });

  it('names a command that is not on that PATH: ENOENT', () => {
    expect(launchProblem('no-such-mcp-server', undefined, dir)).toEqual({
      errno: 'ENOENT',
      message: 'command not found: no-such-mcp-server (not on the PATH the server gets)',
    });
    expect(launchProblem(join(dir, 'gone'), undefined, '')).toMatchObject({ errno: 'ENOENT' });
  });

  it('names a file that is not executable or a directory: EACCES', () => {
    // root may execute anything with an x bit; a file with none is refused to everyone.
    expect(launchProblem(plain, undefined, '')).toMatchObject({ errno: 'EACCES', message: `${plain} is not executable` });
    expect(launchProblem('notes.txt', undefined, dir)).toMatchObject({ errno: 'EACCES' });
    expect(launchProblem(dir, undefined, '')).toMatchObject({ errno: 'EACCES', message: `${dir} is a directory` });
  });

  it('names a missing or wrong working directory', () => {
    expect(launchProblem(script, join(dir, 'missing'), '')).toEqual({
      errno: 'ENOENT',
      message: `the working directory ${join(dir, 'missing')} does not exist`,
    });
    expect(launchProblem(script, plain, '')).toMatchObject({ errno: 'ENOTDIR' });
  });
});
