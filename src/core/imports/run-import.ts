import type { z } from 'zod';
import { readCsvRecords } from './csv-reader';
import { mapHeaders, pickFields, type TColumnSpecs } from './import-columns';

export interface TImportProblem {
  /** The file line the row starts on (the header is line 1). */
  line: number;
  reason: string;
}

export interface TImportProgress {
  /** Data rows read so far (blank lines are not rows). */
  rows: number;
  /** Rows stored by this run. */
  imported: number;
  /** Rows already stored (by an earlier run, or earlier in this file). */
  duplicates: number;
  bad: number;
}

export interface TImportSummary extends TImportProgress {
  problems: TImportProblem[];
  /** Headers the import does not use, so a person can tell a misspelt column from an irrelevant one. */
  ignoredHeaders: string[];
  seconds: number;
}

export interface TImportBatchResult {
  written: number;
  duplicates: number;
}

export interface TImportOptions<F extends string, TRow> {
  /** CSV text chunks, e.g. a file stream with `setEncoding('utf8')`. */
  input: AsyncIterable<string | Buffer> | Iterable<string>;
  columns: TColumnSpecs<F>;
  /** Validates one row's cells (by field name; a missing column is absent, an empty cell is ''). */
  schema: z.ZodType<TRow, Partial<Record<F, string>>>;
  /**
   * Looks at the header row before any row is read: may rename headers (`--map`), refuse the file with an
   * ImportError (a column that contradicts an option), or choose the schema from what the headers say.
   */
  plan?(headers: string[]): { headers: string[]; schema?: z.ZodType<TRow, Partial<Record<F, string>>> };
  /**
   * Stores one batch; must be idempotent (a re-run of the same file stores nothing new) and is expected to
   * write each batch in one transaction.
   */
  writeBatch(rows: TRow[]): Promise<TImportBatchResult>;
  batchSize?: number;
  /**
   * Batches written at once. Above 1 only where the database works beside us (PostgreSQL): while it stores one
   * batch, we prepare the next. Each batch must then stand alone (a duplicate across two batches in flight is the
   * writer's to settle, e.g. by retrying on a unique violation).
   */
  concurrency?: number;
  onProgress?(progress: TImportProgress): void;
}

/** The file cannot be imported at all (no header, a required column missing); nothing was written. */
export class ImportError extends Error {}

/** "score: must be from 0 to 10; customer: must not be empty" */
export function describeRowIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

const describeHeaders = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * Streams a CSV through validation into batched writes: good rows are stored, bad rows are listed with their line
 * and reason, and the counts come back as a summary. A batch that fails to write stops the import (what was
 * written stays; a re-run skips it).
 */
export async function runCsvImport<F extends string, TRow>(options: TImportOptions<F, TRow>): Promise<TImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const progress: TImportProgress = { rows: 0, imported: 0, duplicates: 0, bad: 0 };
  const problems: TImportProblem[] = [];
  let batch: TRow[] = [];
  let mapping: ReturnType<typeof mapHeaders<F>> | null = null;
  let schema = options.schema;
  const inFlight = new Set<Promise<void>>();
  let failure: Error | null = null;

  const write = async (rows: TRow[]) => {
    try {
      const result = await options.writeBatch(rows);
      progress.imported += result.written;
      progress.duplicates += result.duplicates;
      options.onProgress?.({ ...progress });
    } catch (error) {
      failure ??= new Error(
        `writing rows failed after ${progress.imported} were imported (${(error as Error).message}); fix the cause and run the import again: rows already imported are skipped`,
        { cause: error },
      );
    }
  };
  const flush = async () => {
    if (batch.length > 0) {
      const writing = write(batch).finally(() => inFlight.delete(writing));
      inFlight.add(writing);
      batch = [];
    }
    while (inFlight.size >= Math.max(1, options.concurrency ?? 1)) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  for await (const record of readCsvRecords(options.input)) {
    if (!mapping) {
      if ('error' in record) throw new ImportError(`the header row is unreadable: ${record.error}`);
      const planned = options.plan?.(record.fields);
      if (planned?.schema) schema = planned.schema;
      mapping = mapHeaders(planned?.headers ?? record.fields, options.columns);
      if (mapping.missing.length) {
        const needed = mapping.missing
          .map((field) => `${field} (a column named ${describeHeaders(options.columns[field].headers)})`)
          .join('; ');
        throw new ImportError(
          `the file has no column for ${needed}. Its header row is: ${describeHeaders(record.fields)}`,
        );
      }
      continue;
    }
    progress.rows++;
    if ('error' in record) {
      progress.bad++;
      problems.push({ line: record.line, reason: record.error });
      continue;
    }
    const parsed = schema.safeParse(pickFields(record.fields, mapping.columns));
    if (!parsed.success) {
      progress.bad++;
      problems.push({ line: record.line, reason: describeRowIssues(parsed.error) });
      continue;
    }
    batch.push(parsed.data);
    if (batch.length >= batchSize) await flush();
  }
  if (!mapping) throw new ImportError('the file is empty: expected a header row and then one row per response');
  await flush();
  await drain();
  options.onProgress?.({ ...progress });
  return {
    ...progress,
    problems,
    ignoredHeaders: mapping.ignored,
    seconds: (performance.now() - started) / 1000,
  };
}
