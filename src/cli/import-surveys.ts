/**
 * The survey part of `npm run import -- <file.csv>`: imports NPS/CSAT responses from a CSV export into the
 * database named by DATABASE_URL. Detractors bridged to open escalations queue their thread lines in the outbox,
 * which the running app sends.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadDatabaseUrl } from '../config';
import { openDatabase } from '../db/client';
import { MigrationError, migrateDatabase } from '../db/migrations';
import { systemClock, type TClock } from '../domain/clock';
import { silentOutbox } from '../domain/deps';
import { terminalProgress } from '../domain/imports/progress';
import { ImportError, type TImportSummary } from '../domain/imports/run-import';
import { importSurveysCsv } from '../domain/surveys/survey-import';
import { SURVEY_KINDS, type TSurveyKind } from '../domain/surveys/survey-maths';

export interface TCliOutput {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface TImportCliIo {
  stdout: TCliOutput;
  stderr: TCliOutput;
  env: Record<string, string | undefined>;
  clock?: TClock;
}

export const SURVEY_IMPORT_USAGE = `usage: npm run import -- <file.csv> [--kind nps|csat] [--time-zone <IANA zone>]

Columns (header names in any order and case; the first of each list found is used):
  score        Score, NPS Score, CSAT Score, Rating              (required)
  customer     Customer, Company, Account, Organization          (required)
  kind         Kind, Survey Type, Type, Survey                   (nps or csat; else --kind, default nps)
  comment      Comment, Comments, Feedback, Verbatim
  respondedAt  respondedAt, Response Date, Date, Submitted At    (ISO 8601; without an offset: --time-zone, default UTC)
  externalId   externalId, Response ID, ID                       (without it a row is recognised by its content)
Re-running a file imports only rows not imported before.`;

const count = (value: number) => value.toLocaleString('en-US');

export function formatSummary(file: string, summary: TImportSummary): string {
  const lines = [
    `Imported survey responses from ${file} in ${summary.seconds.toFixed(1)} s:`,
    `  ${count(summary.rows)} rows read`,
    `  ${count(summary.imported)} new responses stored`,
    `  ${count(summary.duplicates)} already imported (skipped)`,
    `  ${count(summary.bad)} bad rows (not imported)${summary.bad ? ':' : ''}`,
    ...summary.problems.map((problem) => `    line ${problem.line}: ${problem.reason}`),
  ];
  if (summary.ignoredHeaders.length) {
    lines.push(`Columns not used: ${summary.ignoredHeaders.map((header) => `"${header}"`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

interface TParsedArgs {
  file: string;
  kind: TSurveyKind;
  timeZone: string;
  batchSize?: number;
}

function parseArgs(args: string[]): TParsedArgs | string {
  let file: string | undefined;
  let kind: TSurveyKind = 'nps';
  let timeZone = 'UTC';
  let batchSize: number | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const value = () => args[++index];
    if (arg === '--kind') {
      const given = value()?.toLowerCase();
      if (!SURVEY_KINDS.includes(given as TSurveyKind)) return '--kind takes nps or csat';
      kind = given as TSurveyKind;
    } else if (arg === '--time-zone') {
      const given = value() ?? '';
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: given });
      } catch {
        return `--time-zone takes an IANA time zone such as "UTC" or "America/New_York"; got "${given}"`;
      }
      timeZone = given;
    } else if (arg === '--batch-size') {
      batchSize = Number(value());
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
  return { file, kind, timeZone, batchSize };
}

/** Runs the import; returns the exit code: 0 all rows good, 2 some rows bad (the good ones were imported), 1 failed. */
export async function runSurveyImportCli(args: string[], io: TImportCliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${SURVEY_IMPORT_USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`import: ${parsed}\n${SURVEY_IMPORT_USAGE}\n`);
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
    const input = createReadStream(parsed.file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    const summary = await importSurveysCsv(
      { db, clock: io.clock ?? systemClock, outbox: silentOutbox },
      {
        input,
        defaultKind: parsed.kind,
        timeZone: parsed.timeZone,
        batchSize: parsed.batchSize,
        onProgress: (current) => progress.update(current),
      },
    );
    progress.done();
    io.stdout.write(formatSummary(parsed.file, summary));
    return summary.bad > 0 ? 2 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportError) return fail(`${parsed.file}: ${error.message}`);
    return fail(`${parsed.file}: ${(error as Error).message}`);
  } finally {
    await db.close();
  }
}
