/**
 * The survey part of `npm run import -- <file.csv>`: imports NPS/CSAT responses from a CSV export into the
 * database named by DATABASE_URL. Detractors bridged to open escalations queue their thread lines in the outbox,
 * which the running app sends.
 */

import { DATE_FORMATS, type TDateFormat } from '../core/imports/response-dates';
import type { TImportSummary } from '../core/imports/run-import';
import { BRIDGE_RECENT_DAYS } from '../core/surveys/record-responses';
import { SURVEY_KINDS, type TSurveyKind } from '../core/surveys/score-classes';
import { importSurveysCsv, type TSurveyImportSummary } from '../core/surveys/survey-import';
import { SURVEY_FIELDS, type TSurveyField } from '../core/surveys/survey-import-plan';
import { formatImportSummary, runCsvImportCli, type TImportCliIo } from './csv-import-cli';

export const SURVEY_IMPORT_USAGE = `usage: npm run import -- <file.csv> [--kind nps|csat] [--date-format iso|us|eu]
         [--time-zone <IANA zone>] [--map "<column>=<field>"]... [--responded-at now]

Reads the exports of Delighted, Typeform, SurveyMonkey, Zendesk (Good/Bad satisfaction), Qualtrics, HubSpot and
Salesforce as they are, comma- or semicolon-separated. Columns (header names in any order and case):
  score        Score, NPS Score, CSAT Score, Rating, Satisfaction, "How likely … recommend …"   (required)
  customer     Customer, Company, Account Name, Organization                              (required)
  respondedAt  Response Timestamp, Submit Date (UTC), Submitted At, Submission date, RecordedDate,
               Rated at, End Date, Date, CreatedDate, Created at, Start Date              (required)
  kind         Kind, Survey Type, Type, Survey      (else the score header: "CSAT Score" is CSAT; else --kind; else NPS)
  comment      Comment, Comments, Feedback, Verbatim
  externalId   Response ID, Respondent ID, ID       (without it a row is recognised by its content)
Options:
  --kind nps|csat        the kind of every row without a kind cell; refused if the score header names the other
  --date-format us|eu    slashed dates: us = MM/DD/YYYY, eu = DD/MM/YYYY (ISO 8601 is always read)
  --time-zone <zone>     for dates without an offset (default UTC)
  --map "<column>=<field>"  read a column as one of the fields above, e.g. --map "Account=customer"
  --responded-at now     date rows without a date at import, on purpose; they are never posted into threads
A file without a date column is refused unless --responded-at now or --map names one.
Re-running a file imports only rows not imported before.`;

export function formatSummary(file: string, summary: TImportSummary & Partial<TSurveyImportSummary>): string {
  const text = formatImportSummary({ what: 'survey responses', file, summary, storedLine: 'new responses stored' });
  const posted = summary.postedToThreads ?? 0;
  // After the stored line: what reached Slack. Older detractors are counted in reports but not posted.
  const line = `  ${posted.toLocaleString('en-US')} detractor${posted === 1 ? '' : 's'} posted to open escalations' threads (only dated responses newer than the escalation, or of the last ${BRIDGE_RECENT_DAYS} days)`;
  const how = [
    summary.kindUsed ? `Kind: ${summary.kindUsed}` : '',
    summary.datesFrom ? `Dates: ${summary.datesFrom}` : '',
  ].filter(Boolean);
  return `${how.join('\n')}${how.length ? '\n' : ''}${text.replace(/^( {2}[\d,]+ new responses stored)$/m, `$1\n${line}`)}`;
}

/** `--map "Account=customer"` → { Account: 'customer' }; a string is the problem. */
export function parseColumnMap(text: string | undefined): Record<string, TSurveyField> | string {
  const map: Record<string, TSurveyField> = {};
  for (const entry of (text ?? '').split('\n').filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const column = entry.slice(0, at).trim();
    const field = entry.slice(at + 1).trim();
    const known = SURVEY_FIELDS.find((name) => name.toLowerCase() === field.toLowerCase());
    if (at < 1 || !column || !known) {
      return `--map takes "<column>=<field>" with a field among ${SURVEY_FIELDS.join(', ')}; got "${entry}"`;
    }
    map[column] = known;
  }
  return map;
}

function checkSurveyOptions(extra: Record<string, string>): string | undefined {
  if (extra.kind !== undefined && !SURVEY_KINDS.includes(extra.kind.toLowerCase() as TSurveyKind)) {
    return '--kind takes nps or csat';
  }
  if (extra['date-format'] !== undefined && !DATE_FORMATS.includes(extra['date-format'] as TDateFormat)) {
    return '--date-format takes iso, us (MM/DD/YYYY) or eu (DD/MM/YYYY)';
  }
  if (extra['responded-at'] !== undefined && extra['responded-at'] !== 'now') {
    return '--responded-at takes only "now" (dates otherwise come from the file)';
  }
  const map = parseColumnMap(extra.map);
  return typeof map === 'string' ? map : undefined;
}

export function runSurveyImportCli(args: string[], io: TImportCliIo): Promise<number> {
  return runCsvImportCli(args, io, {
    usage: SURVEY_IMPORT_USAGE,
    extraOptions: ['--kind', '--map', '--date-format', '--responded-at'],
    checkExtra: checkSurveyOptions,
    run: (deps, parsed, input, onProgress) =>
      importSurveysCsv(deps, {
        input,
        kind: parsed.extra.kind?.toLowerCase() as TSurveyKind | undefined,
        map: parseColumnMap(parsed.extra.map) as Record<string, TSurveyField>,
        dateFormat: (parsed.extra['date-format'] as TDateFormat | undefined) ?? 'iso',
        undatedMeansNow: parsed.extra['responded-at'] === 'now',
        timeZone: parsed.timeZone,
        batchSize: parsed.batchSize,
        onProgress,
      }),
    format: formatSummary,
  });
}
