#!/usr/bin/env node
/**
 * Precompresses a built web app in place: next to every compressible file (JavaScript, CSS,
 * HTML, JSON, SVG, icons, source maps) it writes `<file>.br` (Brotli, best quality) and
 * `<file>.gz` (gzip, level 9), when that saves at least 5% (small files too: index.html and
 * the smallest chunks are under 1 KB, and each still halves). The API's static handler serves
 * them to clients that accept them (see libs/api/shared/http/src/lib/console-static.ts).
 * Fonts (woff2 is Brotli inside) and images are left alone. Compressing once at build time
 * lets the best (slow) settings pay off and keeps the API's start-up free of that work.
 *
 *   node tools/scripts/compress-static.mjs dist/apps/console/browser
 */
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|ico|map|txt|webmanifest)$/;
const MIN_SAVING = 0.05;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* files(path);
    } else {
      yield path;
    }
  }
}

async function compress(path) {
  const data = await readFile(path);
  const outputs = [
    [
      `${path}.br`,
      () => brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    ],
    [`${path}.gz`, () => gz(data, { level: 9 })],
  ];
  const sizes = { file: data.length };
  for (const [out, make] of outputs) {
    // Never leave a stale sibling from an earlier build: it would be served instead of the file.
    await unlink(out).catch(() => undefined);
    const packed = await make();
    if (packed.length <= data.length * (1 - MIN_SAVING)) {
      await writeFile(out, packed);
      sizes[out.slice(-2)] = packed.length;
    }
  }
  return sizes;
}

async function main(dir) {
  if (!dir || !(await stat(dir).catch(() => undefined))?.isDirectory()) {
    console.error('usage: compress-static.mjs <built app directory>');
    return 2;
  }
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  for await (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path)) {
      continue;
    }
    const sizes = await compress(path);
    totals.files += 1;
    totals.bytes += sizes.file;
    totals.br += sizes.br ?? sizes.file;
    totals.gz += sizes.gz ?? sizes.file;
  }
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `Precompressed ${totals.files} files in ${relative(process.cwd(), dir) || '.'}: ${kb(totals.bytes)} -> ${kb(totals.br)} Brotli, ${kb(totals.gz)} gzip`,
  );
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
