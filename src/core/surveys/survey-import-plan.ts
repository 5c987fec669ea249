import { headerKey, mapHeaders, type TColumnSpecs } from '../imports/import-columns';
import { ImportError } from '../imports/run-import';
import type { TSurveyKind } from './score-classes';

export type TSurveyField = 'kind' | 'score' | 'customer' | 'comment' | 'respondedAt' | 'externalId';
export const SURVEY_FIELDS: readonly TSurveyField[] = [
  'kind',
  'score',
  'customer',
  'comment',
  'respondedAt',
  'externalId',
];

/**
 * The columns a survey CSV may have: Advocate's own names first, then what survey tools' exports call them. Case,
 * spaces, `_`, `-` and brackets are ignored, so `Submit Date (UTC)` is `submitdateutc`. Dates: Delighted `Response
 * Timestamp`, Typeform `Submit Date (UTC)` / `Submitted At`, SurveyMonkey `End Date` / `Start Date`, Qualtrics
 * `RecordedDate` / `EndDate`, Zendesk `Rated at`, HubSpot `Submission date`, Salesforce `CreatedDate`.
 */
export const SURVEY_COLUMNS: TColumnSpecs<TSurveyField> = {
  kind: { headers: ['kind', 'survey type', 'survey kind', 'type', 'survey', 'metric'] },
  score: {
    headers: [
      'score',
      'nps score',
      'csat score',
      'rating',
      'nps',
      'csat',
      'satisfaction',
      'satisfaction score',
      'satisfaction rating',
      'nps rating',
      'csat rating',
    ],
    required: true,
  },
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
      'organization name',
      'organisation name',
    ],
    required: true,
  },
  comment: { headers: ['comment', 'comments', 'feedback', 'verbatim', 'reason', 'open text', 'satisfaction comment'] },
  respondedAt: {
    headers: [
      'respondedAt',
      'response date',
      'responded at',
      'responded on',
      'response timestamp',
      'submitted at',
      'submit date utc',
      'submit date',
      'submission date',
      'recorded date',
      'rated at',
      'end date',
      'completed at',
      'date',
      'timestamp',
      'created date',
      'created at',
      'start date',
    ],
  },
  externalId: {
    headers: ['externalId', 'response id', 'survey response id', 'external id', 'respondent id', 'id'],
  },
};

/** The kind a score column's header names: `CSAT Score`, `Satisfaction`, `NPS`, `How likely … recommend …`. */
export function kindNamedBy(header: string): TSurveyKind | null {
  const key = headerKey(header);
  if (key.includes('csat') || key.includes('satisf')) return 'csat';
  if (key.includes('nps') || key.includes('recommend') || key.includes('promoter')) return 'nps';
  return null;
}

export interface TSurveyImportChoices {
  /** `--kind`, when given. */
  kind?: TSurveyKind;
  /** `--map "Column=field"`: the file's column → Advocate's field. */
  map?: Record<string, TSurveyField>;
  /** `--responded-at now`: rows without a date are dated at import (and never posted to threads). */
  undatedMeansNow?: boolean;
}

export interface TSurveyImportPlan {
  headers: string[];
  /** The kind of a row without a kind cell. */
  defaultKind: TSurveyKind;
  /** For the summary: "CSAT (from the column "CSAT Score")". */
  kindUsed: string;
  /** For the summary: the column dates were read from, or why there is none. */
  datesFrom: string;
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * Reads what the header row says before a row is imported: `--map` renames, the kind the score column names (a file
 * whose header contradicts `--kind` is refused: a CSAT 5 stored as NPS is a detractor), and the date column (a file
 * without one stops: history dated today would count in this week's figures and flood the escalation threads).
 */
export function planSurveyImport(fileHeaders: string[], choices: TSurveyImportChoices): TSurveyImportPlan {
  const headers = [...fileHeaders];
  for (const [column, field] of Object.entries(choices.map ?? {})) {
    const index = headers.findIndex((header) => headerKey(header) === headerKey(column));
    if (index < 0) {
      throw new ImportError(
        `--map names the column "${column}", which the file does not have. Its header row is: ${quoted(fileHeaders)}`,
      );
    }
    // Another column that would claim the field loses it to the one named.
    headers.forEach((header, other) => {
      if (other !== index && mapHeaders([header], SURVEY_COLUMNS).columns.has(field))
        headers[other] = `${header} (not used)`;
    });
    headers[index] = field;
  }
  let mapping = mapHeaders(headers, SURVEY_COLUMNS);
  if (!mapping.columns.has('score')) {
    // Typeform and SurveyMonkey head a question's column with the question itself.
    const question = headers.findIndex((header) => headerKey(header).includes('recommend'));
    if (question >= 0) {
      headers[question] = 'score';
      mapping = mapHeaders(headers, SURVEY_COLUMNS);
    }
  }
  const scoreIndex = mapping.columns.get('score');
  const scoreHeader = scoreIndex === undefined ? '' : fileHeaders[scoreIndex]!;
  const named = scoreHeader ? kindNamedBy(scoreHeader) : null;
  if (choices.kind && named && named !== choices.kind) {
    throw new ImportError(
      `the score column "${scoreHeader}" holds ${named.toUpperCase()} scores but --kind ${choices.kind} was given; nothing was imported. Drop --kind (the column names the kind), or rename the column if it is misnamed`,
    );
  }
  const defaultKind = choices.kind ?? named ?? 'nps';
  const kindColumn = mapping.columns.get('kind');
  const kindUsed =
    kindColumn !== undefined
      ? `from the column "${fileHeaders[kindColumn]}" (${defaultKind.toUpperCase()} where it is empty)`
      : choices.kind
        ? `${defaultKind.toUpperCase()} (--kind ${choices.kind})`
        : named
          ? `${defaultKind.toUpperCase()} (the score column "${scoreHeader}" says so)`
          : `NPS (nothing in the file names the kind: pass --kind csat for CSAT scores)`;

  const dateColumn = mapping.columns.get('respondedAt');
  // A file without a customer or score column is refused for that first: the date is the lesser news.
  if (dateColumn === undefined && !choices.undatedMeansNow && mapping.missing.length === 0) {
    throw new ImportError(
      `the file has no date column, so nothing was imported: every response would be dated now and count in this week's NPS/CSAT. Looked for ${quoted(SURVEY_COLUMNS.respondedAt.headers)}. If the date is in another column, name it: --map "<column>=respondedAt". To date every row now on purpose, pass --responded-at now (such rows are never posted into escalation threads). Its header row is: ${quoted(fileHeaders)}`,
    );
  }
  const datesFrom =
    dateColumn !== undefined
      ? `the column "${fileHeaders[dateColumn]}"${choices.undatedMeansNow ? ' (empty cells: now, --responded-at now)' : ''}`
      : 'none: every row dated now (--responded-at now); none posted into threads';
  return { headers, defaultKind, kindUsed, datesFrom };
}
