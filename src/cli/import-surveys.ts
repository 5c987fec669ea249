/**
 * The survey part of `npm run import -- <file.csv>`: imports NPS/CSAT responses from a CSV export into the
 * database named by DATABASE_URL. Detractors bridged to open escalations queue their thread lines in the outbox,
 * which the running app sends.
 */
import type { TImportSummary } from '../core/imports/run-import';
import { BRIDGE_RECENT_DAYS } from '../core/surveys/record-responses';
import { SURVEY_KINDS, type TSurveyKind } from '../core/surveys/score-classes';
import { importSurveysCsv } from '../core/surveys/survey-import';
import { formatImportSummary, runCsvImportCli, type TImportCliIo } from './csv-import-cli';

export const SURVEY_IMPORT_USAGE = `usage: npm run import -- <file.csv> [--kind nps|csat] [--time-zone <IANA zone>]

Columns (header names in any order and case; the first of each list found is used):
  score        Score, NPS Score, CSAT Score, Rating              (required)
  customer     Customer, Company, Account, Organization          (required)
  kind         Kind, Survey Type, Type, Survey                   (nps or csat; else --kind, default nps)
  comment      Comment, Comments, Feedback, Verbatim
  respondedAt  respondedAt, Response Date, Date, Submitted At    (ISO 8601; without an offset: --time-zone, default UTC)
  externalId   externalId, Response ID, ID                       (without it a row is recognised by its content)
Re-running a file imports only rows not imported before.`;

export function formatSummary(file: string, summary: TImportSummary & { postedToThreads?: number }): string {
  const text = formatImportSummary({ what: 'survey responses', file, summary, storedLine: 'new responses stored' });
  const posted = summary.postedToThreads ?? 0;
  // After the stored line: what reached Slack. Older detractors are counted in reports but not posted.
  const line = `  ${posted.toLocaleString('en-US')} detractor${posted === 1 ? '' : 's'} posted to open escalations' threads (only responses newer than the escalation, or of the last ${BRIDGE_RECENT_DAYS} days)`;
  return text.replace(/^( {2}[\d,]+ new responses stored)$/m, `$1\n${line}`);
}

const kindOf = (extra: Record<string, string>) => (extra.kind ?? 'nps').toLowerCase() as TSurveyKind;

export function runSurveyImportCli(args: string[], io: TImportCliIo): Promise<number> {
  return runCsvImportCli(args, io, {
    usage: SURVEY_IMPORT_USAGE,
    extraOptions: ['--kind'],
    checkExtra: (extra) => (SURVEY_KINDS.includes(kindOf(extra)) ? undefined : '--kind takes nps or csat'),
    run: (deps, parsed, input, onProgress) =>
      importSurveysCsv(deps, {
        input,
        defaultKind: kindOf(parsed.extra),
        timeZone: parsed.timeZone,
        batchSize: parsed.batchSize,
        onProgress,
      }),
    format: formatSummary,
  });
}
