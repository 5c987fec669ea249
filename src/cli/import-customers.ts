/**
 * The customer part of `npm run import -- --customers <file.csv>`: imports account lifecycle events from a CRM
 * export into the database named by DATABASE_URL. Loaded by ./import.ts, which passes the arguments without
 * `--customers`.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadDatabaseUrl } from '../config';
import { openDatabase } from '../db/client';
import { MigrationError, migrateDatabase } from '../db/migrations';
import { systemClock } from '../domain/clock';
import { importCustomersCsv } from '../domain/customers/customer-import';
import { silentOutbox } from '../domain/deps';
import { terminalProgress } from '../domain/imports/progress';
import { ImportError, type TImportSummary } from '../domain/imports/run-import';
import type { TImportCliIo } from './import-surveys';

export const CUSTOMER_IMPORT_USAGE = `usage: npm run import -- --customers <file.csv> [--time-zone <IANA zone>]

Columns (header names in any order and case; the first of each list found is used):
  customer    Customer, Name, Company, Account                     (required)
  event       Event, Status, Lifecycle Stage                       (required: active, renewed or churned;
                                                                    also Activated/New/Won, Renewal, Cancelled/Lost)
  at          At, Date, Event Date, Effective Date                 (required; ISO 8601: 2026-11-01 or
                                                                    2026-11-01T09:00:00Z; without an offset: --time-zone, default UTC)
  externalId  externalId, ID, Event ID                             (without it a row is recognised by its content)
  arr         ARR, Annual Recurring Revenue                        (a number; 120000, 120,000 and $120,000 all work)
A customer's status follows its latest event, whatever the order of the rows. Re-running a file imports only
rows not imported before.

Example:
  customer,event,at,arr,externalId
  Acme Corp,active,2025-01-15,120000,crm-1001
  Acme Corp,renewed,2026-01-15,150000,crm-1002
  Globex,churned,2026-10-31,,crm-1003`;

const count = (value: number) => value.toLocaleString('en-US');

export function formatCustomerSummary(file: string, summary: TImportSummary & { customersCreated: number }): string {
  const lines = [
    `Imported customer lifecycle events from ${file} in ${summary.seconds.toFixed(1)} s:`,
    `  ${count(summary.rows)} rows read`,
    `  ${count(summary.imported)} new events stored (${count(summary.customersCreated)} new customers)`,
    `  ${count(summary.duplicates)} already imported (skipped)`,
    `  ${count(summary.bad)} bad rows (not imported)${summary.bad ? ':' : ''}`,
    ...summary.problems.map((problem) => `    line ${problem.line}: ${problem.reason}`),
  ];
  if (summary.ignoredHeaders.length) {
    lines.push(`Columns not used: ${summary.ignoredHeaders.map((header) => `"${header}"`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function parseArgs(args: string[]): { file: string; timeZone: string; batchSize?: number } | string {
  let file: string | undefined;
  let timeZone = 'UTC';
  let batchSize: number | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--time-zone') {
      const given = args[++index] ?? '';
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: given });
      } catch {
        return `--time-zone takes an IANA time zone such as "UTC" or "America/New_York"; got "${given}"`;
      }
      timeZone = given;
    } else if (arg === '--batch-size') {
      batchSize = Number(args[++index]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) return '--batch-size takes 1 to 5000';
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (file) {
      return 'name one CSV file';
    } else {
      file = arg;
    }
  }
  if (!file) return 'name the CSV file to import';
  return { file, timeZone, batchSize };
}

/** Runs the import; returns the exit code: 0 all rows good, 2 some rows bad (the good ones were imported), 1 failed. */
export async function runCustomerImportCli(args: string[], io: TImportCliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${CUSTOMER_IMPORT_USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`import: ${parsed}\n${CUSTOMER_IMPORT_USAGE}\n`);
    return 1;
  }
  const fail = (message: string) => {
    io.stderr.write(`import: ${message}\n`);
    return 1;
  };
  try {
    await access(parsed.file);
  } catch {
    return fail(`cannot read ${parsed.file}: no such file, or no permission`);
  }
  let databaseUrl: string;
  try {
    databaseUrl = loadDatabaseUrl(io.env);
    await migrateDatabase(databaseUrl);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) return fail(error.message);
    throw error;
  }
  const db = openDatabase(databaseUrl);
  const progress = terminalProgress(io.stderr, `Importing ${path.basename(parsed.file)}`);
  try {
    const summary = await importCustomersCsv(
      { db, clock: io.clock ?? systemClock, outbox: silentOutbox },
      {
        input: createReadStream(parsed.file, { encoding: 'utf8', highWaterMark: 256 * 1024 }),
        timeZone: parsed.timeZone,
        batchSize: parsed.batchSize,
        onProgress: (current) => progress.update(current),
      },
    );
    progress.done();
    io.stdout.write(formatCustomerSummary(parsed.file, summary));
    return summary.bad > 0 ? 2 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportError) return fail(`${parsed.file}: ${error.message}`);
    return fail(`${parsed.file}: ${(error as Error).message}`);
  } finally {
    await db.close();
  }
}
