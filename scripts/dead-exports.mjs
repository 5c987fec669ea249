// Lists what src/ exports and nobody imports (src/, test/, bench/, scripts/): dead code to delete.
//
//   node scripts/dead-exports.mjs              exports nothing uses at all
//   node scripts/dead-exports.mjs --in-file    also exports used only inside their own file (drop `export`)
//
// Read from import lines with a regex (as test/architecture.test.ts does), so it is quick and knows its limits: a
// module imported dynamically or as a namespace (`import * as`) counts as wholly used.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ENTRY_POINTS = new Set(['src/main.ts', 'src/cli/migrate.ts', 'src/cli/digest.ts', 'src/cli/import.ts']);

function sourceFiles(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory())
      return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.m?ts$/.test(entry.name) ? [relative] : [];
  });
}

const files = ['src', 'test', 'bench', 'scripts']
  .filter((dir) => existsSync(path.join(root, dir)))
  .flatMap(sourceFiles);
const known = new Set(files);
const resolveLocal = (from, specifier) => {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier.replace(/\.js$/, '')));
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? base;
};

/** Module → the names imported from it ('*': all of them). */
const imported = new Map();
const markImported = (module, name) => {
  if (!imported.has(module)) imported.set(module, new Set());
  imported.get(module).add(name);
};
const STATIC = /(?:^|\n)\s*(import|export)\s+(?:type\s+)?([^;'"]*?)\s*from\s*['"](\.[^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const DECLARED =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|abstract class|interface|type|enum)\s+([\w$]+)/gm;
const LISTED = /^export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/gm;
const memberName = (member) => member.trim().replace(/^type\s+/, '');

const exported = new Map();
for (const file of files) {
  const text = readFileSync(path.join(root, file), 'utf8');
  for (const [, , named, specifier] of text.matchAll(STATIC)) {
    const module = resolveLocal(file, specifier);
    if (named.includes('*')) markImported(module, '*');
    for (const member of /\{([^}]*)\}/.exec(named)?.[1].split(',') ?? []) {
      const name = memberName(member).split(/\s+as\s+/)[0];
      if (name) markImported(module, name);
    }
  }
  for (const [, specifier] of text.matchAll(DYNAMIC)) markImported(resolveLocal(file, specifier), '*');
  if (!file.startsWith('src/') || ENTRY_POINTS.has(file)) continue;
  const names = [...text.matchAll(DECLARED)].map((match) => match[1]);
  for (const [, list] of text.matchAll(LISTED))
    for (const member of list.split(',')) {
      const name = memberName(member)
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
  exported.set(file, { text, names });
}

const withInFile = process.argv.includes('--in-file');
let count = 0;
for (const [file, { text, names }] of exported) {
  const used = imported.get(file) ?? new Set();
  if (used.has('*')) continue;
  for (const name of names.filter((candidate) => !used.has(candidate))) {
    const usedInFile = (text.match(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g')) ?? []).length > 1;
    if (usedInFile && !withInFile) continue;
    count++;
    process.stdout.write(`${file}\t${name}${usedInFile ? '\t(used in its own file)' : ''}\n`);
  }
}
process.stderr.write(`${count} export(s) nobody imports\n`);
