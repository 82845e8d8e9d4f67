import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The console's icon font is a subset (tools/icons/subset-icons.mjs): an icon whose name is
 * missing from it renders as its name in letters. The generator's --check mode scans the same
 * sources the generator does; these tests hold the repository to it.
 */
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = join(ROOT, 'tools', 'icons', 'subset-icons.mjs');

function check(...extraSources: string[]) {
  const args = [SCRIPT, '--check', ...extraSources.flatMap((dir) => ['--sources', dir])];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('console icon font subset', () => {
  let extra: string;

  beforeEach(() => {
    extra = mkdtempSync(join(tmpdir(), 'mf-icons-'));
  });

  afterEach(() => {
    rmSync(extra, { recursive: true, force: true });
  });

  it('holds every icon the console templates and icon maps use', () => {
    const result = check();
    expect(result.output).toContain('all in the subset font');
    expect(result.status).toBe(0);
  });

  it('fails for an icon element naming an icon the subset lacks', () => {
    writeFileSync(join(extra, 'rocket.html'), '<span class="material-symbols-outlined" aria-hidden="true">rocket_launch</span>\n');
    const result = check(extra);
    expect(result.status).toBe(1);
    expect(result.output).toContain('icon "rocket_launch" is not in the subset font');
  });

  it('fails for an icon map entry (a quoted icon name in TypeScript) the subset lacks', () => {
    writeFileSync(join(extra, 'icons.ts'), "export const ICONS = { launch: { label: 'Launch', icon: 'rocket_launch' } };\n");
    const result = check(extra);
    expect(result.status).toBe(1);
    expect(result.output).toContain('icon "rocket_launch" is not in the subset font');
  });

  it('ignores quoted words that are no icon', () => {
    writeFileSync(join(extra, 'words.ts'), "export const WORDS = ['a', 'running', 'mcp_fleet'];\n");
    expect(check(extra).status).toBe(0);
  });
});
