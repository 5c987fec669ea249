import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCustomerImportCli } from '../../src/cli/import-customers';
import { openDatabase, type TDatabase } from '../../src/core/shared/db/client';
import { CapturedOutput } from '../support/captured-output';
import { ManualClock } from '../support/clock';
import { createTestDatabase, type TTestDatabase, testProviders } from '../support/databases';

describe.each(testProviders())('npm run import -- --customers on %s', (provider) => {
  let database: TTestDatabase;
  let dir: string;
  const clock = new ManualClock('2026-11-25T10:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    dir = mkdtempSync(path.join(tmpdir(), 'advocate-customer-import-'));
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
  /** Reads the database only between runs (the CLI opens it with its own connection). */
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
    const code = await runCustomerImportCli(args, { stdout, stderr, env: { DATABASE_URL: database.url }, clock });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const customers = () =>
    inDb((db) =>
      db.prisma.customer.findMany({
        orderBy: { name: 'asc' },
        select: { name: true, status: true, statusSince: true, arr: true },
      }),
    );

  it('imports the good rows in any order, lists each bad row by line and reason, and is idempotent', async () => {
    const csv = file(
      'crm.csv',
      [
        'Company,Status,Date,ARR,ID',
        'Acme Corp,renewed,2026-01-15,"150,000",crm-2',
        'acme  corp,Active,2025-01-15,120000,crm-1',
        'Globex,upgraded,2026-02-01,,crm-3',
        ',active,2026-02-01,,crm-4',
        'Globex,active,2025-06-01,$80000,',
        'Globex,Cancelled,2026-10-31T17:00:00-04:00,,',
        'Initech,active,last week,,crm-7',
        'Initech,active,2026-03-01,lots,crm-8',
        'Initech,active,2026-12-01,,crm-9',
        'Umbrella,active,2026-04-01,,crm-1',
      ].join('\r\n'),
    );
    const first = await run([csv]);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('Imported customer lifecycle events from');
    expect(first.stdout).toContain('  10 rows read');
    expect(first.stdout).toContain('  4 new events stored (2 new customers)');
    expect(first.stdout).toContain('  1 already imported (skipped)');
    expect(first.stdout).toContain('  5 bad rows (not imported):');
    for (const line of [
      '    line 4: event: "upgraded" is not active, renewed or churned',
      '    line 5: customer: is empty',
      '    line 8: at: "last week" is not a date',
      '    line 9: arr: "lots" is not an amount',
      '    line 10: at: 2026-12-01 is in the future',
    ]) {
      expect(first.stdout).toContain(line);
    }
    expect(first.stderr).toBe('');
    expect(await customers()).toEqual([
      { name: 'Acme Corp', status: 'active', statusSince: new Date('2025-01-15T00:00:00Z'), arr: 150000 },
      { name: 'Globex', status: 'churned', statusSince: new Date('2026-10-31T21:00:00Z'), arr: 80000 },
    ]);

    const again = await run([csv]);
    expect(again.stdout).toContain('  0 new events stored (0 new customers)');
    expect(again.stdout).toContain('  5 already imported (skipped)');
    expect(await inDb((db) => db.prisma.customerEvent.count())).toBe(4);
  });

  it('reads dates without an offset in --time-zone, and reports unused columns', async () => {
    const csv = file('berlin.csv', '\uFEFFcustomer,event,at,notes\nHooli,active,2026-03-01 09:30,gavin\n');
    const result = await run([csv, '--time-zone', 'Europe/Berlin']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Columns not used: "notes"');
    const hooli = (await customers()).find((customer) => customer.name === 'Hooli');
    expect(hooli).toMatchObject({ status: 'active', statusSince: new Date('2026-03-01T08:30:00Z'), arr: null });
  });

  it('refuses a file without a required column, or a bad option, and writes nothing', async () => {
    const before = await inDb((db) => db.prisma.customerEvent.count());
    const result = await run([file('no-date.csv', 'customer,event\nAcme Corp,churned\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no column for at \(a column named "at", "date", "event date"/);
    expect((await run([path.join(dir, 'missing.csv')])).stderr).toMatch(/cannot read .*missing\.csv/);
    expect((await run(['--time-zone', 'Mars/Olympus', 'x.csv'])).stderr).toContain('--time-zone takes an IANA');
    expect(await inDb((db) => db.prisma.customerEvent.count())).toBe(before);
  });

  it('shows progress on a terminal', async () => {
    const lines = [
      'customer,event,at,id',
      ...Array.from(
        { length: 1200 },
        (_, i) =>
          `Bulk ${i % 30},${i % 3 ? 'renewed' : 'active'},2026-01-${String((i % 28) + 1).padStart(2, '0')},bulk-${i}`,
      ),
    ];
    const onTerminal = await run([file('bulk.csv', lines.join('\n')), '--batch-size', '400'], true);
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stderr).toMatch(/\rImporting bulk\.csv: [\d,]+ rows read · [\d,]+ imported/);
    expect(onTerminal.stdout).toContain('  1,200 new events stored (30 new customers)');
  });

  it('is what `npm run import -- --customers` runs', async () => {
    const csv = file('cli.csv', 'customer,event,at\nPied Piper,active,2026-05-01\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.resolve('src/cli/import.ts'), '--customers', csv],
      { env: { ...process.env, DATABASE_URL: database.url } },
    );
    expect(stdout).toContain('  1 new events stored (1 new customers)');
    expect((await customers()).map((customer) => customer.name)).toContain('Pied Piper');
  });
});

describe.each(testProviders())('account exports from a CRM on %s', (provider) => {
  let database: TTestDatabase;
  let slack: SlackStandIn;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    slack = await startSlackStandIn();
  });
  afterAll(async () => {
    await database.drop();
    await slack.close();
  });
  const fixture = (name: string) => path.resolve('test/fixtures/imports', name);
  const run = async (file: string, env: Record<string, string> = {}) => {
    const stdout = new CapturedOutput();
    const stderr = new CapturedOutput();
    const code = await runCustomerImportCli([file], {
      stdout,
      stderr,
      env: { DATABASE_URL: database.url, ...env },
      clock: new ManualClock('2026-11-25T10:00:00Z'),
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const account = async (name: string) => {
    const db = openDatabase(database.url);
    try {
      return await db.prisma.customer.findFirstOrThrow({
        where: { name },
        select: { status: true, owner: true, tier: true, renewalAt: true, arr: true, domains: true },
      });
    } finally {
      await db.close();
    }
  };

  it('takes a Salesforce account export: owners by email through Slack, tiers, contract end dates, websites', async () => {
    const result = await run(fixture('salesforce-accounts.csv'), {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.url,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('  4 rows read');
    expect(result.stdout).toContain("  3 customers' account facts changed");
    expect(result.stdout).toContain(
      'line 5: tier: "Platinum" is not one of enterprise, growth, starter (ACCOUNT_TIERS)',
    );
    expect(result.stdout).toContain(
      'Owners not found in Slack (emails kept as text, names not stored): "dana@vandelay.test"',
    );
    expect(await account('Initech')).toEqual({
      status: 'unknown',
      owner: 'U0ADVOC001',
      tier: 'enterprise',
      renewalAt: new Date('2027-03-31T00:00:00Z'),
      arr: 120000,
      domains: 'initech.com',
    });
    expect(await account('Hooli')).toMatchObject({ owner: 'U0ADVOC002', tier: 'growth', domains: 'hooli.xyz' });
    expect(await account('Vandelay Industries')).toMatchObject({ owner: 'dana@vandelay.test', renewalAt: null });
    expect(slack.callsTo('users.lookupByEmail').map((call) => call.params.email)).toEqual([
      'bob@example.com',
      'carol@example.com',
      'dana@vandelay.test',
    ]);
    const again = await run(fixture('salesforce-accounts.csv'), {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.url,
    });
    expect(again.stdout).toContain("  0 customers' account facts changed");
  });

  it('takes a HubSpot company export without Slack: owner names are reported, not stored', async () => {
    const result = await run(fixture('hubspot-companies.csv'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Owners not found in Slack (emails kept as text, names not stored): "Bob Advocate", "Dana Scully"',
    );
    expect(await account('Pied Piper')).toEqual({
      status: 'unknown',
      owner: null,
      tier: 'growth',
      renewalAt: new Date('2026-12-20T00:00:00Z'),
      arr: 60000,
      domains: 'piedpiper.com',
    });
  });
});
