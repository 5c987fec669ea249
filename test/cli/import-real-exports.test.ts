import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSurveyImportCli } from '../../src/cli/import-surveys';
import { flagEscalation } from '../../src/core/escalations/flag-escalation';
import { fixedAdvocates } from '../../src/core/shared/authz';
import { openDatabase, type TDatabase } from '../../src/core/shared/db/client';
import { silentOutbox } from '../../src/core/shared/deps';
import { dueOutboxIds } from '../../src/core/shared/outbox/outbox-repository';
import { CapturedOutput } from '../support/captured-output';
import { ManualClock } from '../support/clock';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => path.join(FIXTURES, name);

/** Exports as survey tools write them (test/fixtures/imports), imported by `npm run import` as a person would. */
describe.each(testProviders())('importing real exports on %s', (provider) => {
  let database: TTestDatabase;
  let dir: string;
  const clock = new ManualClock('2026-11-25T10:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-exports-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const inDb = async <T>(read: (db: TDatabase) => Promise<T>): Promise<T> => {
    const db = openDatabase(database.url);
    try {
      return await read(db);
    } finally {
      await db.close();
    }
  };
  const run = async (args: string[]) => {
    const stdout = new CapturedOutput();
    const stderr = new CapturedOutput();
    const code = await runSurveyImportCli(args, { stdout, stderr, env: { DATABASE_URL: database.url }, clock });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const responsesOf = (customer: string) =>
    inDb((db) =>
      db.prisma.surveyResponse.findMany({ where: { customer: { name: customer } }, orderBy: { respondedAt: 'asc' } }),
    );
  const flag = (customer: string) =>
    inDb((db) =>
      flagEscalation(
        { db, clock, outbox: silentOutbox, authz: fixedAdvocates() },
        {
          reporterId: 'U0AGENT001',
          sourceChannelId: 'C0SUPPORT1',
          summary: `${customer} is unhappy`,
          severity: 'high',
          tags: [],
          customer,
          via: 'command',
        },
      ),
    );

  it('stores a file whose score column says CSAT as CSAT, and says so', async () => {
    const result = await run([fixture('csat-score-column.csv')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kind: CSAT (the score column "CSAT Score" says so)');
    const rows = await responsesOf('Vandelay');
    expect(rows.map((row) => [row.kind, row.score])).toEqual([
      ['csat', 5],
      ['csat', 4],
    ]);
  });

  it('refuses a file whose score column contradicts --kind, and writes nothing', async () => {
    const before = await inDb((db) => db.prisma.surveyResponse.count());
    const result = await run([fixture('csat-score-column.csv'), '--kind', 'nps']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the score column "CSAT Score" holds CSAT scores but --kind nps was given');
    expect(await inDb((db) => db.prisma.surveyResponse.count())).toBe(before);
  });

  it('dates Delighted rows by their Response Timestamp, not by today', async () => {
    const result = await run([fixture('delighted-nps.csv')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dates: the column "Response Timestamp"');
    const rows = await responsesOf('Initrode');
    expect(rows.map((row) => [row.externalId, row.respondedAt.toISOString(), row.comment])).toEqual([
      ['d-1001', '2026-09-14T16:12:44.000Z', 'Export keeps timing out, again'],
      ['d-1002', '2026-09-15T23:40:02.000Z', 'Love it'],
    ]);
  });

  it('reads Typeform, Qualtrics and Salesforce exports as they are', async () => {
    for (const name of ['typeform-nps.csv', 'qualtrics-nps.csv', 'salesforce-nps.csv']) {
      const result = await run([fixture(name)]);
      expect(result.stderr, name).toBe('');
      expect(result.code, name).toBe(0);
    }
    expect((await responsesOf('Globex')).map((row) => [row.kind, row.score, row.respondedAt.toISOString()])).toEqual([
      ['nps', 9, '2026-11-10T10:02:11.000Z'],
      ['nps', 4, '2026-11-11T12:05:40.000Z'],
    ]);
    const [stark] = await responsesOf('Stark Industries');
    expect([stark!.kind, stark!.score, stark!.externalId, stark!.respondedAt.toISOString()]).toEqual([
      'nps',
      10,
      'R_1abc',
      '2026-11-06T10:03:01.000Z',
    ]);
    const [cyberdyne] = await responsesOf('Cyberdyne');
    expect(cyberdyne!.respondedAt.toISOString()).toBe('2026-11-07T15:00:00.000Z');
  });

  it('asks which way round SurveyMonkey’s US dates are, and reads them with --date-format us', async () => {
    const unsure = await run([fixture('surveymonkey-nps-us.csv')]);
    expect(unsure.code).toBe(2);
    expect(unsure.stdout).toContain('could be month/day or day/month: say --date-format us');
    expect(await responsesOf('Soylent')).toEqual([]);
    const result = await run([
      fixture('surveymonkey-nps-us.csv'),
      '--date-format',
      'us',
      '--time-zone',
      'America/New_York',
    ]);
    expect(result.code).toBe(0);
    expect(
      (await responsesOf('Soylent')).map((row) => [row.score, row.respondedAt.toISOString(), row.comment]),
    ).toEqual([
      [6, '2026-11-03T19:03:45.000Z', 'Too many outages'],
      [9, '2026-11-04T14:16:02.000Z', null],
    ]);
  });

  it('reads a semicolon-separated HubSpot export with European dates', async () => {
    const result = await run([fixture('hubspot-csat-eu-semicolon.csv'), '--date-format', 'eu']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = await responsesOf('Wayne Enterprises');
    expect(rows.map((row) => [row.kind, row.score, row.comment, row.respondedAt.toISOString()])).toEqual([
      ['csat', 4, 'Gut, aber langsam', '2026-11-03T14:05:00.000Z'],
      ['csat', 1, 'Rechnung falsch; zweimal', '2026-11-04T09:00:00.000Z'],
    ]);
  });

  it('reads Zendesk’s Good/Bad satisfaction as CSAT, and lists an unanswered rating', async () => {
    const result = await run([fixture('zendesk-satisfaction.csv')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('line 4: score: "Offered": the survey was not answered');
    expect((await responsesOf('Umbrella')).map((row) => [row.kind, row.score, row.comment])).toEqual([
      ['csat', 5, 'Solved in minutes'],
      ['csat', 1, 'Nobody answered'],
    ]);
  });

  it('reads a column it does not know with --map', async () => {
    const csv = path.join(dir, 'mapped.csv');
    writeFileSync(csv, 'Client,Score,When\nOscorp,9,2026-11-08T10:00:00Z\n');
    const refused = await run([csv]);
    expect(refused.code).toBe(1);
    const result = await run([csv, '--map', 'Client=customer', '--map', 'When=respondedAt']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await responsesOf('Oscorp')).map((row) => row.respondedAt.toISOString())).toEqual([
      '2026-11-08T10:00:00.000Z',
    ]);
  });

  it('stops at a file with no date column; with --responded-at now it dates rows now and posts none to threads', async () => {
    const escalation = await flag('Initrode');
    const refused = await run([fixture('no-date-column.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the file has no date column, so nothing was imported');
    expect(refused.stderr).toContain('--responded-at now');
    const before = (await responsesOf('Initrode')).length;

    const result = await run([fixture('no-date-column.csv'), '--responded-at', 'now']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  0 detractors posted');
    const rows = await responsesOf('Initrode');
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)!.respondedAt).toEqual(clock.now());
    expect(rows.at(-1)!.escalationId).toBeNull();
    expect(
      await inDb((db) =>
        db.prisma.outboxMessage.count({ where: { dedupeKey: { contains: `:bridge:${escalation.id}` } } }),
      ),
    ).toBe(0);
  });

  it('queues one thread line for many detractors of one escalation, due now for the running app', async () => {
    const escalation = await flag('Acme Rockets');
    const csv = path.join(dir, 'many-detractors.csv');
    const lines = Array.from(
      { length: 12 },
      (_, i) => `acme-${i},Acme Rockets,${i % 7},complaint ${i},2026-11-25T0${Math.floor(i / 2)}:0${i % 2}:00Z`,
    );
    writeFileSync(csv, ['Response ID,Company,Score,Comment,Response Date', ...lines].join('\n'));
    const result = await run([csv]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  12 detractors posted');
    const { queued, due } = await inDb(async (db) => ({
      queued: await db.prisma.outboxMessage.findMany({
        where: { dedupeKey: { contains: `:bridge:${escalation.id}` } },
      }),
      due: await dueOutboxIds(db.prisma, clock.now(), 1000),
    }));
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.payload)).toMatchObject({
      note: { type: 'detractors_joined', customerName: 'Acme Rockets', count: 12 },
    });
    // Not leased to the CLI that has exited: the running app's next drain takes it.
    expect(queued[0]!.leaseUntil).toBeNull();
    expect(due).toContain(queued[0]!.id);
  });
});
