import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSurveyImportCli } from '../../src/cli/import-surveys';
import { flagEscalation } from '../../src/core/escalations/flag-escalation';
import { fixedAdvocates } from '../../src/core/shared/authz';
import { openDatabase, type TDatabase } from '../../src/core/shared/db/client';
import { silentOutbox } from '../../src/core/shared/deps';
import { CapturedOutput } from '../support/captured-output';
import { ManualClock } from '../support/clock';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';

describe.each(testProviders())('npm run import on %s', (provider) => {
  let database: TTestDatabase;
  let dir: string;
  const clock = new ManualClock('2026-11-25T10:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-import-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };
  /** Looks at the database between runs through a connection of its own, as a person checking an import would. */
  const inDb = async <T>(read: (db: TDatabase) => Promise<T>): Promise<T> => {
    const db = openDatabase(database.url);
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  };
  const run = async (args: string[], tty = false) => {
    const stdout = new CapturedOutput();
    const stderr = new CapturedOutput(tty);
    const code = await runSurveyImportCli(args, { stdout, stderr, env: { DATABASE_URL: database.url }, clock });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };

  it('imports the good rows, lists each bad row by line and reason, and is idempotent on a re-run', async () => {
    const csv = file(
      'native.csv',
      [
        'customer,kind,score,respondedAt,comment,externalId',
        'Acme Corp,nps,10,2026-11-20T10:00:00Z,"Fast, friendly",r-1',
        'Acme Corp,nps,11,2026-11-20T10:00:00Z,,r-2',
        'Globex,csat,2,2026-11-21T09:00:00Z,"slow ""support""",r-3',
        ',nps,9,2026-11-21T09:00:00Z,,r-4',
        'Initech,csat,4,2026-11-22,,',
        'Initech,nps,7,yesterday,,r-6',
        'Initech,nps,7,2026-11-22T09:00:00Z,,r-1',
      ].join('\r\n'),
    );
    const first = await run([csv]);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('  7 rows read');
    expect(first.stdout).toContain('wrote to ');
    expect(first.stdout).toContain('  3 new responses stored');
    expect(first.stdout).toContain('  1 already imported (skipped)');
    expect(first.stdout).toContain('  3 bad rows (not imported):');
    expect(first.stdout).toContain('    line 3: score: must be from 0 to 10 for NPS; got 11');
    expect(first.stdout).toContain('    line 5: customer: is empty');
    expect(first.stdout).toMatch(/ {4}line 7: respondedAt: "yesterday" is not a date/);
    expect(first.stderr).toBe('');

    const rows = await inDb((db) =>
      db.prisma.surveyResponse.findMany({ include: { customer: true }, orderBy: { id: 'asc' } }),
    );
    expect(rows.map((row) => [row.customer.name, row.kind, row.score, row.comment, row.source])).toEqual([
      ['Acme Corp', 'nps', 10, 'Fast, friendly', 'import'],
      ['Globex', 'csat', 2, 'slow "support"', 'import'],
      ['Initech', 'csat', 4, null, 'import'],
    ]);
    expect(rows[2]!.respondedAt).toEqual(new Date('2026-11-22T00:00:00Z'));

    const again = await run([csv]);
    expect(again.code).toBe(2);
    expect(again.stdout).toContain('  0 new responses stored');
    expect(again.stdout).toContain('  4 already imported (skipped)');
    expect(await inDb((db) => db.prisma.surveyResponse.count())).toBe(3);
  });

  it('takes an export with Score / Comment / Response Date headers, a BOM and --kind', async () => {
    const csv = file(
      'export.csv',
      '\uFEFFResponse Date,Score,Comment,Company,Email\n2026-11-23 09:30,4,"Good\nenough",Hooli,a@hooli.test\n2026-11-23 10:30,5,,Hooli,b@hooli.test\n',
    );
    const result = await run([csv, '--kind', 'csat', '--time-zone', 'Europe/Berlin']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  2 new responses stored');
    expect(result.stdout).toContain('Columns not used: "Email"');
    const rows = await inDb((db) =>
      db.prisma.surveyResponse.findMany({ where: { customer: { name: 'Hooli' } }, orderBy: { id: 'asc' } }),
    );
    expect(rows.map((row) => [row.kind, row.score, row.comment, row.respondedAt.toISOString()])).toEqual([
      ['csat', 4, 'Good\nenough', '2026-11-23T08:30:00.000Z'],
      ['csat', 5, null, '2026-11-23T09:30:00.000Z'],
    ]);
    expect((await run([csv, '--kind', 'csat', '--time-zone', 'Europe/Berlin'])).stdout).toContain(
      '  2 already imported (skipped)',
    );
  });

  it('adds an imported detractor to its customer’s open escalation, and posts only news, not history', async () => {
    const escalation = await inDb((db) =>
      flagEscalation(
        { db, clock, outbox: silentOutbox, authz: fixedAdvocates() },
        {
          reporterId: 'U0AGENT001',
          sourceChannelId: 'C0SUPPORT1',
          summary: 'renewal at risk',
          severity: 'high',
          tags: [],
          customer: 'Umbrella',
          via: 'command',
        },
      ),
    );
    const csv = file(
      'detractor.csv',
      [
        'Customer,Score,Comment,Date',
        // After the escalation was flagged: news.
        'Umbrella,2,never again,2026-11-25T10:00:00Z',
        // Before the escalation and over a week ago: history, stored but not posted.
        'Umbrella,3,old complaint,2026-09-01T00:00:00Z',
        // Before the escalation but within the last week: still news.
        'Umbrella,1,last week,2026-11-21T00:00:00Z',
      ].join('\n'),
    );
    const result = await run([csv]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  3 new responses stored\n  2 detractors posted to open escalations');
    const { rows, entries, threadLines } = await inDb(async (db) => ({
      rows: await db.prisma.surveyResponse.findMany({
        where: { customer: { name: 'Umbrella' } },
        orderBy: { id: 'asc' },
      }),
      entries: await db.prisma.timelineEntry.findMany({ where: { escalationId: escalation.id } }),
      threadLines: await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { contains: ':bridge:' } } }),
    }));
    const row = rows[0]!;
    expect(row.escalationId).toBe(escalation.id);
    expect(rows.map((response) => response.escalationId)).toEqual([escalation.id, null, escalation.id]);
    expect(entries.filter((entry) => entry.action === 'detractor response')).toHaveLength(2);
    // Two detractors for one escalation: one line in its thread, not two.
    expect(threadLines).toHaveLength(1);
    expect(JSON.parse(threadLines[0]!.payload)).toMatchObject({ note: { type: 'detractors_joined', count: 2 } });
    expect(entries.map((entry) => [entry.action, entry.toValue, entry.via, entry.actorId])).toContainEqual([
      'detractor response',
      'NPS 2',
      'import',
      'import',
    ]);
  });

  it('refuses a file without a required column and writes nothing', async () => {
    const before = await inDb((db) => db.prisma.surveyResponse.count());
    const csv = file('no-customer.csv', 'Score,Comment\n9,great\n');
    const result = await run([csv]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no column for customer \(a column named "customer", "customer name", "company"/);
    expect(await inDb((db) => db.prisma.surveyResponse.count())).toBe(before);
    expect((await run([path.join(dir, 'missing.csv')])).stderr).toMatch(/cannot read .*missing\.csv/);
  });

  it('shows progress on a terminal, and none when the output is not one', async () => {
    const lines = [
      'Customer,Score,Response ID',
      ...Array.from({ length: 2500 }, (_, i) => `Bulk ${i % 40},${i % 11},bulk-${i}`),
    ];
    const csv = file('bulk.csv', lines.join('\n'));
    const onTerminal = await run([csv, '--batch-size', '500', '--responded-at', 'now'], true);
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stderr).toMatch(/\rImporting bulk\.csv: [\d,]+ rows read · [\d,]+ imported/);
    expect(onTerminal.stdout).toContain('  2,500 new responses stored');
    const piped = await run([csv, '--responded-at', 'now']);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('  2,500 already imported (skipped)');
  });
});
