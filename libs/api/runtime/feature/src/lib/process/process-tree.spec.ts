import { spawn } from 'node:child_process';

import { signalGroup } from './proc';
import { sampleGroups } from './process-tree';

describe('sampleGroups', () => {
  it('adds up memory and CPU of every process in a group, grandchildren included', async () => {
    // A parent that spawns a busy child in its own group.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        "require('child_process').spawn(process.execPath, ['-e', 'const end = Date.now() + 3000; while (Date.now() < end) {}'], { stdio: 'ignore' }); setInterval(() => {}, 1000)",
      ],
      { detached: true, stdio: 'ignore' },
    );
    const pgid = parent.pid as number;
    try {
      await new Promise((resolve) => setTimeout(resolve, 800));
      const usage = sampleGroups([pgid, 999_999_999]).get(pgid);

      expect(usage?.processes).toBe(2);
      expect(usage?.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(usage?.cpuSeconds).toBeGreaterThan(0.2);
      expect(sampleGroups([999_999_999]).size).toBe(0);
    } finally {
      signalGroup(pgid, 'SIGKILL');
    }
  });
});
