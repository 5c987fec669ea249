// Compiles the app to plain JavaScript in dist/ (esbuild: one ES module per entry point, shared and lazily imported
// code in dist/chunks/, source maps beside them). Runs at `npm install` (postinstall) and, with --if-stale, before
// `npm start` and the operational npm scripts, so an edited source file is never ignored.
//
//   node scripts/build.mjs             build now
//   node scripts/build.mjs --if-stale  build only when a file under src/ or packages/ (or this script,
//                                      package.json, tsconfig.json) is newer than the last build; costs a few
//                                      milliseconds
//
// Packages in node_modules stay external (Node loads them as installed), except zod: as installed it is some 230 ES
// modules, and Node keeps each one's records, about 6 MB more than the same code bundled. The workspace's own
// packages (packages/*, such as the Slack stand-in) are bundled too: they are TypeScript sources, which Node does not
// load. The generated Prisma client
// stays external too: it is CommonJS that reads its WASM query compiler and schema from its own directory, so it is
// imported at run time through the package's "#db-generated/*" import map, which resolves the same from any file.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
const stampFile = path.join(outdir, 'build.json');
export const entryPoints = ['src/main.ts', 'src/cli/migrate.ts', 'src/cli/digest.ts', 'src/cli/import.ts'];

/**
 * Newest modification time of the inputs, directories included (a deleted file changes its directory's); the
 * generated Prisma client is not an input (it stays external).
 */
function newestInput() {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(root, 'src', 'core', 'shared', 'db', 'generated') && entry.name !== 'node_modules')
          walk(full);
      } else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  walk(path.join(root, 'packages'));
  for (const file of ['package.json', 'tsconfig.json', 'scripts/build.mjs'])
    newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function isFresh(stamp) {
  if (!stamp || JSON.stringify(stamp.entryPoints) !== JSON.stringify(entryPoints)) return false;
  if (!stamp.outputs.every((file) => existsSync(path.join(outdir, file)))) return false;
  return statSync(stampFile).mtimeMs >= newestInput();
}

/**
 * Bundled rather than loaded from node_modules: pure JavaScript (or the workspace's TypeScript), no files of its own
 * read at run time.
 */
const BUNDLED_PACKAGES = new Set(['zod', '@advocate/slack-standin']);

const packagesExternal = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/** The import map entry for the generated clients: `./generated/sqlite` from src/core/shared/db/client.ts → `#db-generated/sqlite`. */
const generatedClientExternal = {
  name: 'generated-prisma-client-external',
  setup(build) {
    build.onResolve({ filter: /[/\\]generated[/\\](sqlite|postgresql)$/ }, (args) => {
      const provider = /(sqlite|postgresql)$/.exec(args.path)[1];
      return { path: `#db-generated/${provider}`, external: true };
    });
  },
};

export async function build() {
  const started = performance.now();
  const previous = readStamp();
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints,
    outbase: 'src',
    outdir,
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [generatedClientExternal, packagesExternal],
    sourcemap: 'linked',
    // The sources stay beside dist/ in every install; the maps only need to point at them.
    sourcesContent: false,
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // Each file is replaced in one step (written aside, then renamed), and left alone when unchanged: a process
  // running from dist/, or a second build started at the same moment, never reads half a file.
  for (const file of result.outputFiles) {
    if (existsSync(file.path) && Buffer.compare(readFileSync(file.path), file.contents) === 0) continue;
    mkdirSync(path.dirname(file.path), { recursive: true });
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  const outputs = result.outputFiles.map((file) => path.relative(outdir, file.path));
  // Remove what neither this build nor the one before wrote: a process started from the previous build may still
  // import one of its lazy chunks (the sandbox, say) after this build replaced it.
  const keep = new Set([...outputs, ...(previous?.outputs ?? []), 'build.json']);
  const stale = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stale(full);
      else if (!keep.has(path.relative(outdir, full)) && !entry.name.endsWith('.tmp')) rmSync(full);
    }
  };
  stale(outdir);
  const stampAside = `${stampFile}.${process.pid}.tmp`;
  writeFileSync(stampAside, `${JSON.stringify({ entryPoints, outputs }, null, 2)}\n`);
  renameSync(stampAside, stampFile);
  return { outputs, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes('--if-stale') && isFresh(readStamp())) process.exit(0);
  const { outputs, ms } = await build();
  const files = outputs.filter((file) => file.endsWith('.js')).length;
  // On stderr: `npm run digest -- open --dry-run > blocks.json` must get only the digest on stdout.
  process.stderr.write(`advocate: built dist/ (${files} modules) in ${ms} ms\n`);
}
