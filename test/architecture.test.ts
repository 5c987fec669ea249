/**
 * Layers point one way: app (with the CLIs and the sandbox) → slack and jobs → domain → db. Read from the source's import lines (a regex, not a
 * compiler), so a forbidden import fails here with the file and the line to fix.
 *
 * Decided:
 * - src/db may import types from src/domain (the shapes it stores, e.g. an outbox message or a ticket state: gone
 *   after compilation), and values only from the domain's vocabulary modules below, which import nothing; never
 *   the domain's logic.
 * - src/slack/blocks may import the row types of src/db (what a view shows), never a repository function: views are
 *   pure and do not read.
 * - Only src/db calls Prisma's model methods (`.escalation.findMany(` and the like).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Domain modules src/db may take values from: tables of words and numbers, and the error vocabulary (the unit of
 * work gives up on a race with the same Conflict the domain throws), that import nothing themselves.
 */
const DOMAIN_VOCABULARY_FOR_DB = ['src/core/surveys/score-classes.ts', 'src/core/shared/app-error.ts'];

/**
 * Imports that break a rule today, each with why it is still here; an entry that no longer matches fails too, so
 * this list only shrinks.
 */
/** The outbox's table and what is stored in it; its dispatcher and senders (src/outbox/senders) are Slack's side. */
const OUTBOX_REPOSITORY = 'src/core/shared/outbox/outbox-repository.ts';
const OUTBOX_STORAGE = [
  'src/core/shared/outbox/outbox-messages.ts',
  'src/core/shared/outbox/outbox-keys.ts',
  OUTBOX_REPOSITORY,
];

const KNOWN_EXCEPTIONS: { file: string; imports: string; why: string }[] = [];

/**
 * Listeners that still read the database through a repository instead of asking the domain; the listeners part of
 * issue 18 moves these reads out, and this list is emptied as it does.
 */
const LISTENERS_READING_THE_DATABASE: string[] = [];

interface TImport {
  file: string;
  line: number;
  /** Repository-relative path of a local module (with its extension), or the package name. */
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return relative === 'src/core/shared/db/generated' ? [] : sourceFiles(relative);
    return /\.ts$/.test(entry.name) ? [relative] : [];
  });
}

const FILES = sourceFiles('src');
const FILE_SET = new Set(FILES);

function resolveLocal(from: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => FILE_SET.has(candidate)) ?? base;
}

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** `import … from`, `export … from`, `import '…'` and `import('…')`, over several lines if need be. */
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function importsOf(file: string): TImport[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[4] ?? match[5] ?? match[6])!;
    const named = match[3] ?? '';
    const members =
      /\{([^}]*)\}/
        .exec(named)?.[1]
        ?.split(',')
        .filter((member) => member.trim()) ?? [];
    const typeOnly =
      Boolean(match[2]) ||
      (members.length > 0 && !/^[\w$]/.test(named.trim()) && members.every((m) => /^\s*type\s/.test(m)));
    const line = text.slice(0, match.index + match[0].search(/\S/)).split('\n').length;
    const target = specifier.startsWith('.') ? resolveLocal(file, specifier) : packageOf(specifier);
    return { file, line, target, typeOnly };
  });
}

const IMPORTS = FILES.flatMap(importsOf);

const isKnownException = (found: TImport) =>
  KNOWN_EXCEPTIONS.some((known) => known.file === found.file && known.imports === found.target);

const describeImport = (found: TImport) =>
  `${found.file}:${found.line} imports ${found.target}${found.typeOnly ? ' (types)' : ''}`;

function violations(rule: (found: TImport) => boolean): string[] {
  return IMPORTS.filter((found) => rule(found) && !isKnownException(found)).map(describeImport);
}

const under = (dir: string) => (target: string) => target.startsWith(`${dir}/`);

describe('layers', () => {
  it('the parser sees the imports it is meant to judge', () => {
    // A regex that matched nothing would pass every rule below.
    expect(IMPORTS.length).toBeGreaterThan(500);
    expect(IMPORTS).toContainEqual(
      expect.objectContaining({ file: 'src/app/start-advocate.ts', target: 'src/app/create-app.ts', typeOnly: false }),
    );
    expect(IMPORTS).toContainEqual(
      expect.objectContaining({ file: 'src/slack/kit/slack-services.ts', target: '@slack/web-api', typeOnly: true }),
    );
  });

  it('below the app, nothing takes a value from it (types of what the app hands down are fine)', () => {
    const app = ['src/app', 'src/cli', 'src/sandbox'];
    const below = ['src/slack', 'src/jobs', 'src/domain', 'src/db', 'src/text'];
    expect(
      violations(
        (found) =>
          below.some((dir) => under(dir)(found.file)) &&
          (app.some((dir) => under(dir)(found.target)) || found.target === 'src/main.ts') &&
          !found.typeOnly,
      ),
    ).toEqual([]);
  });

  it('the domain knows nothing of Slack, Bolt, jobs, the CLIs, the sandbox or the app', () => {
    const above = ['src/slack', 'src/app', 'src/jobs', 'src/cli', 'src/sandbox', 'src/slack-standin'];
    expect(
      violations(
        (found) =>
          under('src/domain')(found.file) &&
          (above.some((dir) => under(dir)(found.target)) || found.target.startsWith('@slack/')),
      ),
    ).toEqual([]);
  });

  it('the database layer takes only types and vocabulary from the domain, and nothing from above it', () => {
    const above = ['src/slack', 'src/app', 'src/jobs', 'src/cli', 'src/sandbox'];
    expect(
      violations(
        (found) =>
          under('src/db')(found.file) &&
          ((under('src/domain')(found.target) && !found.typeOnly && !DOMAIN_VOCABULARY_FOR_DB.includes(found.target)) ||
            above.some((dir) => under(dir)(found.target)) ||
            found.target.startsWith('@slack/')),
      ),
    ).toEqual([]);
  });

  it('the domain vocabulary the database layer uses imports nothing', () => {
    expect(IMPORTS.filter((found) => DOMAIN_VOCABULARY_FOR_DB.includes(found.file)).map(describeImport)).toEqual([]);
  });

  it('Block Kit views read no database: at most the row types they show', () => {
    expect(
      violations((found) => under('src/slack/blocks')(found.file) && under('src/db')(found.target) && !found.typeOnly),
    ).toEqual([]);
  });

  it('listeners ask the domain instead of reading repositories', () => {
    const reads = (found: TImport) =>
      under('src/slack/listeners')(found.file) && under('src/db/repositories')(found.target) && !found.typeOnly;
    expect(violations((found) => reads(found) && !LISTENERS_READING_THE_DATABASE.includes(found.file))).toEqual([]);
    const stale = LISTENERS_READING_THE_DATABASE.filter(
      (file) => !IMPORTS.some((found) => found.file === file && reads(found)),
    );
    expect(stale).toEqual([]);
  });

  it('the domain and the database layer take only the storage half of the outbox (messages, keys, its table), never its senders', () => {
    expect(
      violations(
        (found) =>
          (under('src/domain')(found.file) || under('src/db')(found.file)) &&
          under('src/outbox')(found.target) &&
          !OUTBOX_STORAGE.includes(found.target) &&
          !found.typeOnly,
      ),
    ).toEqual([]);
  });

  it('the storage half of the outbox knows nothing of Slack', () => {
    expect(
      violations(
        (found) =>
          OUTBOX_STORAGE.includes(found.file) &&
          (found.target.startsWith('@slack/') || under('src/slack')(found.target) || under('src/app')(found.target)),
      ),
    ).toEqual([]);
  });

  it('every known exception still exists (remove it from the list once fixed)', () => {
    const stale = KNOWN_EXCEPTIONS.filter(
      (known) => !IMPORTS.some((found) => found.file === known.file && found.target === known.imports),
    );
    expect(stale).toEqual([]);
  });
});

/** Prisma's model delegates, as the generated client names them (the schema's models, first letter lower-cased). */
const MODELS = [
  ...readFileSync(path.join(ROOT, 'prisma/sqlite/schema.prisma'), 'utf8').matchAll(/^model\s+(\w+)/gm),
].map((match) => match[1]!.replace(/^./, (first) => first.toLowerCase()));
const MODEL_METHODS =
  'findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|count|aggregate|groupBy|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany';
const MODEL_CALL = new RegExp(`\\.(${MODELS.join('|')})\\s*\\.\\s*(${MODEL_METHODS})\\s*\\(`, 'g');

describe('one module owns the database', () => {
  it('knows the models', () => {
    expect(MODELS).toEqual(expect.arrayContaining(['escalation', 'surveyResponse', 'outboxMessage']));
  });

  it('only src/db and the outbox repository call Prisma model methods', () => {
    const owners = (file: string) => under('src/db')(file) || file === OUTBOX_REPOSITORY;
    const calls = FILES.filter((file) => !owners(file)).flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return [...text.matchAll(MODEL_CALL)].map(
        (match) => `${file}:${text.slice(0, match.index).split('\n').length} calls .${match[1]}.${match[2]}(`,
      );
    });
    expect(calls).toEqual([]);
  });
});
