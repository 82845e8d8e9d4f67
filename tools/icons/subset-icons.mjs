#!/usr/bin/env node
/**
 * The console's icon font: Material Symbols Outlined cut down to the icons the console uses.
 *
 * The full font (node_modules/material-symbols) is a 4 MB variable font with every icon. The
 * console draws a few dozen, at one weight, unfilled: this script pins the variation axes to
 * those values (FILL 0, wght 400, GRAD 0, opsz 24) and keeps only the glyphs of the icons found
 * in the console's sources, plus the letters their ligatures are typed with.
 *
 *   node tools/icons/subset-icons.mjs           regenerate the font and its manifest (needs the
 *                                               devDependency subset-font, i.e. harfbuzz in wasm)
 *   node tools/icons/subset-icons.mjs --check   verify only (no harfbuzz): every icon name the
 *                                               sources use is in the manifest, and the manifest
 *                                               belongs to the committed font; exit 1 otherwise
 *   --sources <dir>                             scan this directory too (repeatable; for tests)
 *
 * Which names count as used: every word inside a `material-symbols-outlined` element, and every
 * quoted string literal in the console's .ts and .html files that is the name of a Material
 * Symbol (icon maps such as `{ stop: 'stop_circle' }` are plain string literals). That catches
 * a few words that are not meant as icons ('search', 'list'); each costs about 100 bytes, far
 * less than a missing icon costs an operator.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCES = ['apps/console/src', 'libs/console'];
const OUT_DIR = join(ROOT, 'apps', 'console', 'src', 'icons');
const FONT_OUT = join(OUT_DIR, 'material-symbols-outlined.woff2');
const MANIFEST = join(OUT_DIR, 'icons.json');
const FULL_FONT_PACKAGE = 'material-symbols';
/** The look the console uses: the class sets font-weight normal and no font-variation-settings. */
const AXES = { FILL: 0, wght: 400, GRAD: 0, opsz: 24 };

/**
 * The full font, ready to shape: `codepointOf(name)` is the private-use code point of the icon
 * that `name` turns into, or undefined when `name` is no icon (the package's type list misses
 * aliases such as expand_less, so the font itself decides).
 */
async function fullFont() {
  // harfbuzz and the woff2 converter come with the devDependency subset-font.
  const require = createRequire(import.meta.url);
  const fromSubsetFont = createRequire(require.resolve('subset-font'));
  const hb = await import(pathToFileURL(fromSubsetFont.resolve('harfbuzzjs')).href);
  const fontverter = fromSubsetFont('fontverter');
  const path = require.resolve(`${FULL_FONT_PACKAGE}/material-symbols-outlined.woff2`);
  const bytes = readFileSync(path);
  const ttf = await fontverter.convert(bytes, 'truetype');
  const font = new hb.Font(new hb.Face(new hb.Blob(ttf)));
  const codepointOfGlyph = new Map();
  for (const unicode of font.face.collectUnicodes()) {
    const glyph = font.nominalGlyph(unicode);
    if (glyph !== undefined && unicode >= 0xe000 && !codepointOfGlyph.has(glyph)) {
      codepointOfGlyph.set(glyph, unicode);
    }
  }
  const codepointOf = (name) => {
    const glyphs = shapeGlyphs(hb, font, name);
    return glyphs.length === 1 ? codepointOfGlyph.get(glyphs[0]) : undefined;
  };
  return { hb, fontverter, ttf, bytes: bytes.length, codepointOf };
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') {
        yield* sourceFiles(path);
      }
    } else if (/\.(ts|html)$/.test(entry.name) && !/\.(spec|int-spec)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/**
 * The icon names the sources use, each with the first file that uses it. A word inside an icon
 * element always counts (the font may know names its type list lacks, and a typo must fail the
 * generation, which checks every name against the font); quoted literals elsewhere count only
 * when they name a symbol.
 */
function usedIcons(dirs, codepointOf) {
  const used = new Map();
  const add = (name, file) => {
    if (!used.has(name)) {
      used.set(name, relative(ROOT, file));
    }
  };
  for (const dir of dirs) {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/class="[^"]*\bmaterial-symbols-outlined\b[^"]*"[^>]*>([^<]*)</g)) {
        const content = m[1].trim();
        if (/^[a-z0-9_]+$/.test(content)) {
          add(content, file);
        }
      }
      for (const m of text.matchAll(/(['"`])([a-z0-9_]+)\1/g)) {
        if (codepointOf(m[2]) !== undefined) {
          add(m[2], file);
        }
      }
    }
  }
  return used;
}

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

async function check(dirs) {
  const { codepointOf } = await fullFont();
  const used = usedIcons(dirs, codepointOf);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const inFont = new Set(manifest.icons.map((icon) => icon.name));
  const problems = [];
  for (const [name, file] of used) {
    if (!inFont.has(name)) {
      problems.push(`${file}: icon "${name}" is not in the subset font`);
    }
  }
  const fontHash = sha256(readFileSync(FONT_OUT));
  if (fontHash !== manifest.sha256) {
    problems.push(
      `${relative(ROOT, FONT_OUT)} does not match ${relative(ROOT, MANIFEST)} (sha256 ${fontHash}, manifest says ${manifest.sha256})`,
    );
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error('Run `npm run icons` to regenerate the console icon font.');
    return 1;
  }
  console.log(`${used.size} icon names used, all in the subset font (${inFont.size} icons).`);
  return 0;
}

async function generate(dirs) {
  const require = createRequire(import.meta.url);
  const subsetFont = require('subset-font');
  const { hb, fontverter, ttf, bytes, codepointOf } = await fullFont();
  const used = usedIcons(dirs, codepointOf);
  // Each icon is a ligature of its name's letters; its glyph is also mapped from a private-use
  // code point. Keeping those code points keeps exactly the icon glyphs (no layout closure, which
  // would keep every ligature spelled with the same letters, i.e. most of the font).
  const names = [...used.keys()].sort();
  const icons = names.map((name) => {
    const codepoint = codepointOf(name);
    if (codepoint === undefined) {
      throw new Error(`"${name}" does not shape to one mapped glyph in the full font`);
    }
    return { name, codepoint };
  });
  const letters = new Set(names.join(''));
  const text = [...letters].join('') + icons.map((icon) => String.fromCodePoint(icon.codepoint)).join('');
  const subset = await subsetFont(ttf, text, { targetFormat: 'woff2', variationAxes: AXES, noLayoutClosure: true });

  // The subset must still turn every name into its icon.
  const subsetFace = new hb.Face(new hb.Blob(await fontverter.convert(subset, 'truetype')));
  const subsetFontObject = new hb.Font(subsetFace);
  for (const { name } of icons) {
    const glyphs = shapeGlyphs(hb, subsetFontObject, name);
    if (glyphs.length !== 1 || glyphs[0] === 0) {
      throw new Error(`"${name}" is not a ligature in the subset font`);
    }
  }
  writeFileSync(FONT_OUT, subset);
  const manifest = {
    comment: 'Generated by tools/icons/subset-icons.mjs from the material-symbols package; do not edit.',
    source: `${FULL_FONT_PACKAGE}@${require(`${FULL_FONT_PACKAGE}/package.json`).version} material-symbols-outlined.woff2`,
    axes: AXES,
    bytes: subset.length,
    sha256: sha256(subset),
    icons: icons.map((icon) => ({ name: icon.name, codepoint: icon.codepoint.toString(16), usedIn: used.get(icon.name) })),
  };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Wrote ${relative(ROOT, FONT_OUT)}: ${icons.length} icons, ${subset.length} bytes (full font ${bytes} bytes).`);
  return 0;
}

function shapeGlyphs(hb, font, text) {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  return buffer.getGlyphInfos().map((info) => info.codepoint);
}

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, sources: { type: 'string', multiple: true, default: [] } },
});
const dirs = [...SOURCES.map((dir) => join(ROOT, dir)), ...values.sources.map((dir) => resolve(dir))];
const run = values.check ? check(dirs) : generate(dirs);
run.then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
