import { describe, expect, it } from 'vitest';
import { readCsvRecords, type TCsvRecord } from '../../../src/core/imports/csv-reader';
import { mapHeaders } from '../../../src/core/imports/import-columns';
import { SURVEY_COLUMNS, surveyRowSchema } from '../../../src/core/surveys/survey-import';

async function records(chunks: string[]): Promise<TCsvRecord[]> {
  const out: TCsvRecord[] = [];
  for await (const record of readCsvRecords(chunks)) out.push(record);
  return out;
}

const SAMPLE =
  '\uFEFFkind,score,customer,comment\r\n' +
  'nps,9,"Acme, Inc.","said ""wow"""\r\n' +
  'csat,2,Globex,"two\r\nlines"\r\n' +
  '\r\n' +
  'nps,10,Initech,\r\n';

describe('reading CSV', () => {
  it('handles a BOM, quoted commas, doubled quotes, CRLF, line breaks in quotes and blank lines', async () => {
    expect(await records([SAMPLE])).toEqual([
      { line: 1, fields: ['kind', 'score', 'customer', 'comment'] },
      { line: 2, fields: ['nps', '9', 'Acme, Inc.', 'said "wow"'] },
      { line: 3, fields: ['csat', '2', 'Globex', 'two\r\nlines'] },
      { line: 6, fields: ['nps', '10', 'Initech', ''] },
    ]);
  });

  it('reads the same records however the stream is chunked', async () => {
    const whole = await records([SAMPLE]);
    expect(await records(SAMPLE.split(''))).toEqual(whole);
    expect(await records([SAMPLE.slice(0, 37), SAMPLE.slice(37, 60), SAMPLE.slice(60)])).toEqual(whole);
  });

  it('reads LF files and a last line without a line break', async () => {
    expect(await records(['a,b\n1,2\n3,"4"'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('reports a quote that is never closed at the line it opened', async () => {
    expect(await records(['a,b\n1,"oops\n2,3\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: expect.stringMatching(/never closed/) },
    ]);
  });
});

describe('matching survey columns', () => {
  it('takes the native columns in any order and case', () => {
    const mapping = mapHeaders(
      ['Customer', 'SCORE', 'externalid', 'Kind', 'respondedAt', 'comment', 'Tags'],
      SURVEY_COLUMNS,
    );
    expect(Object.fromEntries(mapping.columns)).toEqual({
      customer: 0,
      score: 1,
      externalId: 2,
      kind: 3,
      respondedAt: 4,
      comment: 5,
    });
    expect(mapping.missing).toEqual([]);
    expect(mapping.ignored).toEqual(['Tags']);
  });

  it('takes the common export shape: Score, Comment, Response Date, Company, Survey Type, Response ID', () => {
    const mapping = mapHeaders(
      ['Response ID', 'Response Date', 'Score', 'Comment', 'Company', 'Survey Type'],
      SURVEY_COLUMNS,
    );
    expect(Object.fromEntries(mapping.columns)).toEqual({
      externalId: 0,
      respondedAt: 1,
      score: 2,
      comment: 3,
      customer: 4,
      kind: 5,
    });
  });

  it('names the required columns a file lacks', () => {
    expect(mapHeaders(['Rating', 'Comment'], SURVEY_COLUMNS).missing).toEqual(['customer']);
  });
});

describe('validating a survey row', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const schema = surveyRowSchema({
    defaultKind: 'nps',
    timeZone: 'America/New_York',
    undatedMeansNow: true,
    now: () => now,
  });
  const row = (cells: Record<string, string>) => schema.safeParse(cells);
  const reason = (cells: Record<string, string>) => {
    const parsed = row(cells);
    return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('reads kinds as exports write them, and defaults to --kind', () => {
    expect(row({ kind: 'Net Promoter Score', score: '9', customer: 'Acme' }).data?.kind).toBe('nps');
    expect(row({ kind: 'CSAT', score: '4', customer: 'Acme' }).data?.kind).toBe('csat');
    expect(row({ score: '4', customer: 'Acme' }).data?.kind).toBe('nps');
    expect(reason({ kind: 'CES', score: '4', customer: 'Acme' })).toEqual(['kind: "CES" is neither NPS nor CSAT']);
  });

  it('reads dates with an offset as given and without one in the chosen time zone', () => {
    expect(row({ score: '9', customer: 'A', respondedAt: '2026-11-20T14:03:00Z' }).data?.respondedAt).toEqual(
      new Date('2026-11-20T14:03:00Z'),
    );
    expect(row({ score: '9', customer: 'A', respondedAt: '2026-11-20 14:03' }).data?.respondedAt).toEqual(
      new Date('2026-11-20T19:03:00Z'),
    );
    expect(row({ score: '9', customer: 'A', respondedAt: '2026-11-20' }).data?.respondedAt).toEqual(
      new Date('2026-11-20T05:00:00Z'),
    );
  });

  it('says what is wrong with a bad row', () => {
    expect(reason({ score: '11', customer: 'Acme' })).toEqual(['score: must be from 0 to 10 for NPS; got 11']);
    expect(reason({ kind: 'csat', score: '0', customer: 'Acme' })).toEqual([
      'score: must be from 1 to 5 for CSAT; got 0',
    ]);
    expect(reason({ score: 'nine', customer: 'Acme' })).toEqual(['score: "nine" is not a whole number']);
    expect(reason({ score: '9', customer: ' ' })).toEqual(['customer: is empty']);
    expect(reason({ score: '9', customer: 'A', respondedAt: '20/11/2026' })).toEqual([
      'respondedAt: "20/11/2026" could be month/day or day/month: say --date-format us (MM/DD/YYYY) or --date-format eu (DD/MM/YYYY)',
    ]);
    expect(reason({ score: '9', customer: 'A', respondedAt: '2026-12-01T00:00:00Z' })).toEqual([
      'respondedAt: 2026-12-01T00:00:00Z is in the future',
    ]);
  });

  it('gives a row without a response id a stable content id', () => {
    const a = row({ score: '9', customer: 'Acme Corp', respondedAt: '2026-11-20T14:03:00Z', comment: 'ok' }).data!;
    const b = row({ score: '9', customer: 'acme  corp', respondedAt: '2026-11-20T09:03:00-05:00', comment: 'ok' })
      .data!;
    const c = row({ score: '8', customer: 'Acme Corp', respondedAt: '2026-11-20T14:03:00Z', comment: 'ok' }).data!;
    expect(a.externalId).toMatch(/^csv-sha256:[0-9a-f]{64}$/);
    expect(b.externalId).toBe(a.externalId);
    expect(c.externalId).not.toBe(a.externalId);
    expect(row({ score: '9', customer: 'A', externalId: 'resp-7' }).data?.externalId).toBe('resp-7');
  });
});
