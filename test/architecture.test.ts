/**
 * The layout's rules, read from the source's import lines (a regex, not a compiler), so a forbidden import fails here
 * with the file and the line to fix:
 * - src/core/<capability> holds a capability's rules and repositories, src/core/shared the database, the unit of work
 *   and the outbox's storage half; the core knows nothing of Slack, Bolt, schedules, the CLIs, the sandbox or the app.
 * - src/slack/<capability> is Slack's side of a capability (listeners, views, senders), src/slack/kit the shared
 *   plumbing; Slack's side uses the core but never the schedules or the app.
 * - src/schedule holds triggers; it may start what src/slack sends, never reach into the app.
 * - No file imports itself back through others (no circle), and only repositories call Prisma's model methods.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Imports that break a rule today, each with why it is still here; an entry that no longer matches fails too, so
 * this list only shrinks.
 */
const KNOWN_EXCEPTIONS: { file: string; imports: string; why: string }[] = [];

/**
 * Slack-side files that may use a repository directly: the outbox dispatcher and senders, and the digest delivery,
 * record what Slack answered (a card's ts, a delivery row, a lease) in the same breath as they send. Listeners and
 * views never do: they ask the core.
 */
const SLACK_READS_OF_REPOSITORIES: string[] = [
  'src/slack/kit/outbox-dispatcher.ts',
  'src/slack/escalations/escalation-senders.ts',
  'src/slack/themes/theme-senders.ts',
  'src/slack/customers/owner-senders.ts',
  'src/slack/storms/storm-senders.ts',
  'src/slack/digests/send-digest.ts',
  'src/slack/digests/open-digest.ts',
];

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

  it('the core knows nothing of Slack, Bolt, schedules, the CLIs, the sandbox or the app, and is handed its settings', () => {
    const above = ['src/slack', 'src/schedule', 'src/app', 'src/cli', 'src/sandbox'];
    expect(
      violations(
        (found) =>
          under('src/core')(found.file) &&
          (above.some((dir) => under(dir)(found.target)) ||
            found.target === 'src/main.ts' ||
            found.target === 'src/config.ts' ||
            found.target.startsWith('@slack/') ||
            found.target === 'node-cron'),
      ),
    ).toEqual([]);
  });

  it("Slack's side uses the core, never the schedules, the CLIs, the sandbox or the app", () => {
    const above = ['src/schedule', 'src/app', 'src/cli', 'src/sandbox'];
    expect(
      violations(
        (found) =>
          under('src/slack')(found.file) &&
          (above.some((dir) => under(dir)(found.target)) || found.target === 'src/main.ts'),
      ),
    ).toEqual([]);
  });

  it('the schedules start work; they never reach into the app, the CLIs or the sandbox', () => {
    const above = ['src/app', 'src/cli', 'src/sandbox'];
    expect(
      violations(
        (found) =>
          under('src/schedule')(found.file) &&
          (above.some((dir) => under(dir)(found.target)) || found.target === 'src/main.ts'),
      ),
    ).toEqual([]);
  });

  it("Slack's listeners and views ask the core's rules instead of using repositories", () => {
    const repository = (target: string) => /-repository(-[a-z-]+)?\.ts$/.test(target);
    const writes = (found: TImport) =>
      under('src/slack')(found.file) &&
      repository(found.target) &&
      !found.typeOnly &&
      !SLACK_READS_OF_REPOSITORIES.includes(found.file);
    expect(violations(writes)).toEqual([]);
    const stale = SLACK_READS_OF_REPOSITORIES.filter(
      (file) => !IMPORTS.some((found) => found.file === file && repository(found.target) && !found.typeOnly),
    );
    expect(stale).toEqual([]);
  });

  it('no circle: no file reaches itself through its imports', () => {
    const edges = new Map<string, string[]>();
    for (const found of IMPORTS) {
      if (!FILE_SET.has(found.target)) continue;
      edges.set(found.file, [...(edges.get(found.file) ?? []), found.target]);
    }
    // Tarjan's strongly connected components: any component of two or more files is a circle.
    let index = 0;
    const indexOf = new Map<string, number>();
    const lowOf = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (file: string) => {
      indexOf.set(file, index);
      lowOf.set(file, index);
      index += 1;
      stack.push(file);
      onStack.add(file);
      for (const next of edges.get(file) ?? []) {
        if (!indexOf.has(next)) {
          visit(next);
          lowOf.set(file, Math.min(lowOf.get(file)!, lowOf.get(next)!));
        } else if (onStack.has(next)) lowOf.set(file, Math.min(lowOf.get(file)!, indexOf.get(next)!));
      }
      if (lowOf.get(file) === indexOf.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of FILES) if (!indexOf.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it('a reader tells files apart by name alone', () => {
    const byName = new Map<string, string[]>();
    for (const file of FILES) byName.set(path.basename(file), [...(byName.get(path.basename(file)) ?? []), file]);
    expect([...byName.values()].filter((files) => files.length > 1)).toEqual([]);
  });

  it('the storage half of the outbox knows nothing of Slack', () => {
    expect(
      violations(
        (found) =>
          under('src/core/shared/outbox')(found.file) &&
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

  it('only repositories (and the database plumbing) call Prisma model methods', () => {
    const owners = (file: string) => /-repository(-[a-z-]+)?\.ts$/.test(file) || under('src/core/shared/db')(file);
    const calls = FILES.filter((file) => !owners(file)).flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      return [...text.matchAll(MODEL_CALL)].map(
        (match) => `${file}:${text.slice(0, match.index).split('\n').length} calls .${match[1]}.${match[2]}(`,
      );
    });
    expect(calls).toEqual([]);
  });
});
