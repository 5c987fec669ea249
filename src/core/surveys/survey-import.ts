import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { customerNameKey } from '../customers/customers-repository';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/escalation-vocabulary';
import type { TColumnSpecs } from '../imports/import-columns';
import { EXTERNAL_ID_MAX_LENGTH } from '../imports/import-input-fields';
import { runCsvImport, type TImportProgress, type TImportSummary } from '../imports/run-import';
import type { TDomainDeps } from '../shared/deps';
import { recordSurveyResponses, type TKnownCustomer, type TSurveyInput } from './record-responses';
import { SCORE_RANGE, type TSurveyKind } from './score-classes';
import { COMMENT_MAX_LENGTH, FUTURE_SKEW_MS } from './survey-input';

export type TSurveyField = 'kind' | 'score' | 'customer' | 'comment' | 'respondedAt' | 'externalId';

/**
 * The columns a survey CSV may have: Advocate's own names first, then what survey tools' exports call them
 * (`Score`, `Comment`, `Response Date`, `Company`, `Survey Type`, `Response ID`, …). Case, spaces and `_` are ignored.
 */
export const SURVEY_COLUMNS: TColumnSpecs<TSurveyField> = {
  kind: { headers: ['kind', 'survey type', 'survey kind', 'type', 'survey', 'metric'] },
  score: { headers: ['score', 'nps score', 'csat score', 'rating', 'nps', 'csat'], required: true },
  customer: {
    headers: [
      'customer',
      'customer name',
      'company',
      'company name',
      'account',
      'account name',
      'organization',
      'organisation',
    ],
    required: true,
  },
  comment: { headers: ['comment', 'comments', 'feedback', 'verbatim', 'reason', 'open text'] },
  respondedAt: {
    headers: [
      'respondedAt',
      'response date',
      'responded at',
      'responded on',
      'submitted at',
      'date',
      'timestamp',
      'created at',
    ],
  },
  externalId: { headers: ['externalId', 'response id', 'survey response id', 'external id', 'id'] },
};

/** "NPS", "Net Promoter Score", "CSAT", "Customer Satisfaction" → the kind; anything else is a bad row. */
function kindOf(text: string): TSurveyKind | null {
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'nps' || key.includes('promoter') || key.startsWith('nps')) return 'nps';
  if (key === 'csat' || key.includes('satisfaction') || key.startsWith('csat')) return 'csat';
  return null;
}

/**
 * ISO 8601 with an offset is taken as is; a date-time without one ("2026-11-20 14:03", "2026-11-20T14:03:00") or a
 * bare date is read in `timeZone` (the importer's `--time-zone`, UTC by default).
 */
export function parseResponseDate(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  for (const parsed of [DateTime.fromISO(trimmed, { zone: timeZone }), DateTime.fromSQL(trimmed, { zone: timeZone })]) {
    if (parsed.isValid) return parsed.toJSDate();
  }
  return null;
}

export interface TSurveyImportOptions {
  /** The kind of rows without a kind column (or with an empty cell). */
  defaultKind: TSurveyKind;
  /** For dates without an offset. */
  timeZone: string;
  now: () => Date;
}

export type TImportedSurveyRow = TSurveyInput & { externalId: string };

/**
 * A row without a response id gets a content hash as its id, so running the same file twice stores it once:
 * kind, score, customer (as matched), the response date as written and the comment. Two rows identical in all
 * of those are taken to be one response.
 */
export function contentId(row: {
  kind: string;
  score: number;
  customer: string;
  respondedAt: string;
  comment: string;
}) {
  const content = [row.kind, row.score, customerNameKey(row.customer), row.respondedAt, row.comment].join('\u001f');
  return `csv-sha256:${createHash('sha256').update(content).digest('hex')}`;
}

export function surveyRowSchema(options: TSurveyImportOptions) {
  const cell = z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '');
  return z
    .object({
      kind: cell,
      score: cell,
      customer: cell,
      comment: cell,
      respondedAt: cell,
      externalId: cell,
    })
    .transform((cells, ctx): TImportedSurveyRow => {
      const issue = (path: string, message: string) => {
        ctx.addIssue({ code: 'custom', path: [path], message });
        return z.NEVER;
      };
      const kind = cells.kind ? kindOf(cells.kind) : options.defaultKind;
      if (!kind) return issue('kind', `"${cells.kind}" is neither NPS nor CSAT`);
      const { min, max } = SCORE_RANGE[kind];
      if (!/^\d{1,2}(\.0+)?$/.test(cells.score)) {
        return issue('score', cells.score ? `"${cells.score}" is not a whole number` : 'is empty');
      }
      const score = Number(cells.score);
      if (score < min || score > max) {
        return issue('score', `must be from ${min} to ${max} for ${kind.toUpperCase()}; got ${score}`);
      }
      const customer = cells.customer.replace(/\s+/g, ' ');
      if (!customer) return issue('customer', 'is empty');
      if (customer.length > CUSTOMER_NAME_MAX_LENGTH) {
        return issue('customer', `is over ${CUSTOMER_NAME_MAX_LENGTH} characters`);
      }
      if (cells.comment.length > COMMENT_MAX_LENGTH) {
        return issue('comment', `is over ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters`);
      }
      let respondedAt: Date | undefined;
      if (cells.respondedAt) {
        const parsed = parseResponseDate(cells.respondedAt, options.timeZone);
        if (!parsed) {
          return issue(
            'respondedAt',
            `"${cells.respondedAt}" is not a date: use ISO 8601, e.g. 2026-11-20T14:03:00Z or 2026-11-20 14:03`,
          );
        }
        if (parsed.getTime() > options.now().getTime() + FUTURE_SKEW_MS) {
          return issue('respondedAt', `${cells.respondedAt} is in the future`);
        }
        respondedAt = parsed;
      }
      if (cells.externalId.length > EXTERNAL_ID_MAX_LENGTH) {
        return issue('externalId', `is over ${EXTERNAL_ID_MAX_LENGTH} characters`);
      }
      return {
        kind,
        score,
        customer,
        comment: cells.comment || null,
        respondedAt,
        externalId:
          cells.externalId ||
          contentId({
            kind,
            score,
            customer,
            respondedAt: respondedAt?.toISOString() ?? '',
            comment: cells.comment,
          }),
      };
    });
}

export interface TImportSurveysOptions extends Omit<TSurveyImportOptions, 'now'> {
  input: AsyncIterable<string | Buffer> | Iterable<string>;
  batchSize?: number;
  onProgress?(progress: TImportProgress): void;
}

/**
 * Imports a survey CSV: each batch of rows is recorded like webhook responses (customers found or created,
 * repeats skipped, detractors bridged to open escalations), one transaction per batch. Only detractors newer than
 * the open escalation (or of the last week) are posted in its thread; the summary counts them.
 */
export async function importSurveysCsv(
  deps: TDomainDeps,
  options: TImportSurveysOptions,
): Promise<TImportSummary & { postedToThreads: number }> {
  const customers = new Map<string, TKnownCustomer>();
  let postedToThreads = 0;
  const summary = await runCsvImport({
    input: options.input,
    columns: SURVEY_COLUMNS,
    schema: surveyRowSchema({ ...options, now: () => deps.clock.now() }),
    batchSize: options.batchSize,
    concurrency: deps.db.provider === 'postgresql' ? 2 : 1,
    onProgress: options.onProgress,
    writeBatch: async (rows) => {
      const { accepted, duplicates, recorded } = await recordSurveyResponses(deps, {
        source: 'import',
        responses: rows,
        customers,
      });
      postedToThreads += recorded.filter((entry) => entry.bridgedTo !== null).length;
      return { written: accepted, duplicates };
    },
  });
  return { ...summary, postedToThreads };
}
