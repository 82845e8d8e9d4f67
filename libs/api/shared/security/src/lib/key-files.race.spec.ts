import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { loadOrCreateKey } from './key-files';

// linkSync is wrapped so a test can act out another process, or a filesystem without hard links.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof fs>('node:fs');
  return { ...actual, linkSync: jest.fn(actual.linkSync) };
});

const actualFs = jest.requireActual<typeof fs>('node:fs');
const linkSync = fs.linkSync as jest.MockedFunction<typeof fs.linkSync>;

describe('loadOrCreateKey publishing a new key', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = actualFs.mkdtempSync(path.join(os.tmpdir(), 'mcp-fleet-keys-race-'));
  });

  afterEach(() => {
    actualFs.rmSync(dataDir, { recursive: true, force: true });
    linkSync.mockReset();
    linkSync.mockImplementation(actualFs.linkSync);
  });

  it('keeps the key of a process that created the file first', () => {
    const theirs = randomBytes(32);
    linkSync.mockImplementationOnce((from, to) => {
      actualFs.writeFileSync(to, theirs.toString('hex'), { mode: 0o600 });
      actualFs.linkSync(from, to);
    });

    const loaded = loadOrCreateKey({ name: 'secrets.key', dataDir });

    expect(linkSync).toHaveBeenCalledTimes(1);
    expect(loaded).toEqual({ key: theirs, source: 'file' });
    expect(actualFs.readFileSync(path.join(dataDir, 'secrets.key'), 'utf8')).toBe(theirs.toString('hex'));
    expect(actualFs.readdirSync(dataDir)).toEqual(['secrets.key']);
  });

  it('falls back to rename where hard links are not supported', () => {
    linkSync.mockImplementationOnce(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });

    const loaded = loadOrCreateKey({ name: 'secrets.key', dataDir });
    const file = path.join(dataDir, 'secrets.key');

    expect(loaded.source).toBe('generated');
    expect(actualFs.readFileSync(file, 'utf8')).toBe(`${loaded.key.toString('hex')}\n`);
    expect(actualFs.statSync(file).mode & 0o777).toBe(0o600);
    expect(actualFs.readdirSync(dataDir)).toEqual(['secrets.key']);
  });
});
