#!/usr/bin/env node
// Scaffolds a console library the way the rest are laid out:
//   node tools/scripts/new-console-lib.mjs <domain> <name> <type>
// e.g. `servers feature-list feature` → libs/console/servers/feature-list, tags scope:servers,
// platform:console, type:feature, import path @mcp-fleet/console/servers/feature-list.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [domain, name, type] = process.argv.slice(2);
if (!domain || !name || !['feature', 'data-access', 'ui', 'util'].includes(type)) {
  console.error('usage: new-console-lib.mjs <domain> <name> <feature|data-access|ui|util>');
  process.exit(1);
}
const dir = join('libs/console', domain, name);
if (existsSync(dir)) {
  console.error(`${dir} exists`);
  process.exit(1);
}
const up = '../../../../';
const project = `console-${domain}-${name}`;
const importPath = `@mcp-fleet/console/${domain}/${name}`;
mkdirSync(join(dir, 'src/lib'), { recursive: true });
const json = (file, value) => writeFileSync(join(dir, file), JSON.stringify(value, null, 2) + '\n');
json('project.json', {
  name: project,
  $schema: `${up}node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${dir}/src`,
  prefix: 'mf',
  projectType: 'library',
  tags: [`scope:${domain}`, 'platform:console', `type:${type}`],
  targets: { lint: { executor: '@nx/eslint:lint' } },
});
json('tsconfig.json', {
  extends: `${up}tsconfig.base.json`,
  compilerOptions: {
    noPropertyAccessFromIndexSignature: true,
    isolatedModules: true,
    moduleResolution: 'bundler',
    emitDecoratorMetadata: false,
    module: 'preserve',
  },
  angularCompilerOptions: { strictInjectionParameters: true, strictInputAccessModifiers: true, strictTemplates: true },
  files: [],
  include: [],
  references: [{ path: './tsconfig.lib.json' }],
});
json('tsconfig.lib.json', {
  extends: './tsconfig.json',
  compilerOptions: { outDir: `${up}dist/out-tsc`, types: [] },
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.spec.ts'],
});
// The console's lint rules live in libs/console/eslint.config.mjs (importing the app's config
// would make every library depend on the app).
writeFileSync(join(dir, 'eslint.config.mjs'), "export { default } from '../../eslint.config.mjs';\n");
writeFileSync(join(dir, 'src/index.ts'), '');
const base = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
base.compilerOptions.paths[importPath] = [`./${dir}/src/index.ts`];
writeFileSync('tsconfig.base.json', JSON.stringify(base, null, 2) + '\n');
console.log(`${project} → ${importPath}`);
