import { createHash } from 'node:crypto';
import { z } from 'zod';
import { customerNameKey } from '../customers/customers-repository';
import { CUSTOMER_NAME_MAX_LENGTH } from '../escalations/escalation-vocabulary';
import { EXTERNAL_ID_MAX_LENGTH } from '../imports/import-input-fields';
import { looksSlashed, parseResponseDate, type TDateFormat } from '../imports/response-dates';
import { runCsvImport, type TImportProgress, type TImportSummary } from '../imports/run-import';
import type { TDomainDeps } from '../shared/deps';
import { recordSurveyResponses, type TKnownCustomer, type TSurveyInput } from './record-responses';
import { SCORE_RANGE, type TSurveyKind } from './score-classes';
import {
  planSurveyImport,
  SURVEY_COLUMNS,
  type TSurveyImportChoices,
  type TSurveyImportPlan,
} from './survey-import-plan';
import { COMMENT_MAX_LENGTH, FUTURE_SKEW_MS } from './survey-input';

export { SURVEY_COLUMNS, type TSurveyField } from './survey-import-plan';

/** "NPS", "Net Promoter Score", "CSAT", "Customer Satisfaction" → the kind; anything else is a bad row. */
function kindOf(text: string): TSurveyKind | null {
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'nps' || key.includes('promoter') || key.startsWith('nps')) return 'nps';
  if (key === 'csat' || key.includes('satisfaction') || key.startsWith('csat')) return 'csat';
  return null;
}

/**
 * Zendesk's satisfaction ratings are words: `Good` / `Bad` (newer: "Good, I'm satisfied"), stored as CSAT 5 and 1
 * so they count as satisfied and as a detractor. `Offered` / `Unoffered` were never answered.
 */
function wordScore(text: string): number | 'unanswered' | null {
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  if (key.startsWith('good')) return 5;
  if (key.startsWith('bad')) return 1;
  if (key === 'offered' || key === 'unoffered') return 'unanswered';
  return null;
}

export interface TSurveyImportOptions {
  /** The kind of rows without a kind column (or with an empty cell). */
  defaultKind: TSurveyKind;
  /** For dates without an offset. */
  timeZone: string;
  /** How slashed dates are ordered; ISO 8601 is always read. */
  dateFormat?: TDateFormat;
  /** `--responded-at now`: a row without a date is dated now (and marked undated); else it is a bad row. */
  undatedMeansNow?: boolean;
  now: () => Date;
}

export type TImportedSurveyRow = TSurveyInput & { externalId: string };

const DATE_FORMAT_HINT = {
  iso: 'use ISO 8601, e.g. 2026-11-20T14:03:00Z or 2026-11-20 14:03',
  us: 'with --date-format us, e.g. 11/20/2026 or 11/20/2026 2:03 PM',
  eu: 'with --date-format eu, e.g. 20/11/2026, 20.11.2026 or 20/11/2026 14:03',
} as const;

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
      let kind = cells.kind ? kindOf(cells.kind) : options.defaultKind;
      if (!kind) return issue('kind', `"${cells.kind}" is neither NPS nor CSAT`);
      const word = wordScore(cells.score);
      if (word === 'unanswered') return issue('score', `"${cells.score}": the survey was not answered`);
      if (word !== null && kind === 'nps' && cells.kind) {
        return issue('score', `"${cells.score}" is a CSAT rating, but the row says NPS`);
      }
      if (word !== null) kind = 'csat';
      const { min, max } = SCORE_RANGE[kind];
      if (word === null && !/^\d{1,2}(\.0+)?$/.test(cells.score)) {
        return issue('score', cells.score ? `"${cells.score}" is not a whole number` : 'is empty');
      }
      const score = word ?? Number(cells.score);
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
      const format = options.dateFormat ?? 'iso';
      if (!cells.respondedAt && !options.undatedMeansNow) {
        return issue('respondedAt', 'is empty: pass --responded-at now to date rows without a date at import');
      }
      if (cells.respondedAt) {
        const parsed = parseResponseDate(cells.respondedAt, options.timeZone, format);
        if (!parsed) {
          if (format === 'iso' && looksSlashed(cells.respondedAt)) {
            return issue(
              'respondedAt',
              `"${cells.respondedAt}" could be month/day or day/month: say --date-format us (MM/DD/YYYY) or --date-format eu (DD/MM/YYYY)`,
            );
          }
          return issue('respondedAt', `"${cells.respondedAt}" is not a date: ${DATE_FORMAT_HINT[format]}`);
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
        undated: respondedAt === undefined,
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

export interface TImportSurveysOptions
  extends Omit<TSurveyImportOptions, 'now' | 'defaultKind' | 'undatedMeansNow'>,
    TSurveyImportChoices {
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
): Promise<TSurveyImportSummary> {
  const customers = new Map<string, TKnownCustomer>();
  let postedToThreads = 0;
  let plan: TSurveyImportPlan | null = null;
  const rowOptions = (defaultKind: TSurveyKind) => ({
    ...options,
    defaultKind,
    undatedMeansNow: options.undatedMeansNow,
    now: () => deps.clock.now(),
  });
  const summary = await runCsvImport({
    input: options.input,
    columns: SURVEY_COLUMNS,
    schema: surveyRowSchema(rowOptions(options.kind ?? 'nps')),
    plan: (headers) => {
      plan = planSurveyImport(headers, options);
      return { headers: plan.headers, schema: surveyRowSchema(rowOptions(plan.defaultKind)) };
    },
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
  const planned = plan as TSurveyImportPlan | null;
  return { ...summary, postedToThreads, kindUsed: planned?.kindUsed ?? '', datesFrom: planned?.datesFrom ?? '' };
}

export interface TSurveyImportSummary extends TImportSummary {
  postedToThreads: number;
  kindUsed: string;
  datesFrom: string;
}
