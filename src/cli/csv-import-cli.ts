/**
 * What both `npm run import` commands share: arguments, opening and migrating the database, progress on a
 * terminal, the summary and the exit code (0 every row good, 2 some rows bad and the good ones imported, 1 failed).
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createOfflineApp, type TOfflineApp } from '../app/create-app';
import { ConfigError, describeDatabase, loadDatabaseUrl } from '../config';
import { terminalProgress } from '../core/imports/import-progress';
import { ImportError, type TImportProgress, type TImportSummary } from '../core/imports/run-import';
import type { TClock } from '../core/shared/clock';
import { MigrationError } from '../core/shared/db/migrations';
import type { TDomainDeps } from '../core/shared/deps';

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

export interface TImportArgs {
  file: string;
  timeZone: string;
  batchSize?: number;
  /** Options only one import takes, by name (e.g. `--kind` → { kind: 'csat' }); a repeated one's values, one a line. */
  extra: Record<string, string>;
}

/** Parses `<file.csv> [--time-zone Z] [--batch-size N]` plus the named extra options; a string is the problem. */
export function parseImportArgs(args: string[], extraOptions: string[] = []): TImportArgs | string {
  const parsed: TImportArgs = { file: '', timeZone: 'UTC', extra: {} };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--time-zone') {
      const given = args[++index] ?? '';
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: given });
      } catch {
        return `--time-zone takes an IANA time zone such as "UTC" or "America/New_York"; got "${given}"`;
      }
      parsed.timeZone = given;
    } else if (arg === '--batch-size') {
      const size = Number(args[++index]);
      if (!Number.isInteger(size) || size < 1 || size > 5000) return '--batch-size takes 1 to 5000';
      parsed.batchSize = size;
    } else if (extraOptions.includes(arg)) {
      const name = arg.slice(2);
      const value = args[++index] ?? '';
      parsed.extra[name] = name in parsed.extra ? `${parsed.extra[name]}\n${value}` : value;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (parsed.file) {
      return 'name one CSV file';
    } else {
      parsed.file = arg;
    }
  }
  return parsed.file ? parsed : 'name the CSV file to import';
}

const count = (value: number) => value.toLocaleString('en-US');

/** The summary printed after an import; `storedLine` says what a new row became ("new responses stored"). */
export function formatImportSummary(options: {
  what: string;
  file: string;
  summary: TImportSummary;
  storedLine: string;
}) {
  const { summary } = options;
  const lines = [
    `Imported ${options.what} from ${options.file} in ${summary.seconds.toFixed(1)} s:`,
    `  ${count(summary.rows)} rows read`,
    `  ${count(summary.imported)} ${options.storedLine}`,
    `  ${count(summary.duplicates)} already imported (skipped)`,
    `  ${count(summary.bad)} bad rows (not imported)${summary.bad ? ':' : ''}`,
    ...summary.problems.map((problem) => `    line ${problem.line}: ${problem.reason}`),
  ];
  if (summary.ignoredHeaders.length) {
    lines.push(`Columns not used: ${summary.ignoredHeaders.map((header) => `"${header}"`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface TCsvImportCommand<TSummary extends TImportSummary> {
  usage: string;
  extraOptions?: string[];
  /** Checks the extra options; returns the problem, if any. */
  checkExtra?: (extra: Record<string, string>) => string | undefined;
  run(
    deps: TDomainDeps,
    args: TImportArgs,
    input: Readable,
    onProgress: (progress: TImportProgress) => void,
  ): Promise<TSummary>;
  format(file: string, summary: TSummary): string;
}

export async function runCsvImportCli<TSummary extends TImportSummary>(
  args: string[],
  io: TImportCliIo,
  command: TCsvImportCommand<TSummary>,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const parsed = parseImportArgs(args, command.extraOptions);
  const problem = typeof parsed === 'string' ? parsed : command.checkExtra?.(parsed.extra);
  if (typeof parsed === 'string' || problem) {
    io.stderr.write(`import: ${problem}\n${command.usage}\n`);
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
  let app: TOfflineApp;
  try {
    databaseUrl = loadDatabaseUrl(io.env);
    app = await createOfflineApp(databaseUrl, { clock: io.clock });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) return fail(error.message);
    throw error;
  }
  const progress = terminalProgress(io.stderr, `Importing ${path.basename(parsed.file)}`);
  try {
    const input = createReadStream(parsed.file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    const summary = await command.run(app.deps, parsed, input, (current) => progress.update(current));
    progress.done();
    io.stdout.write(command.format(parsed.file, summary));
    io.stdout.write(`wrote to ${describeDatabase(databaseUrl)}\n`);
    return summary.bad > 0 ? 2 : 0;
  } catch (error) {
    progress.done();
    return fail(`${parsed.file}: ${error instanceof ImportError ? error.message : (error as Error).message}`);
  } finally {
    await app.close();
  }
}
