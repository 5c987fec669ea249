import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoWeekOf, previousIsoWeek } from '../../../src/core/shared/time/zoned';
import { recordSurveyResponses, type TSurveyInput } from '../../../src/core/surveys/record-responses';
import { buildSurveyReport } from '../../../src/core/surveys/survey-report';
import { weeklySurveyFigures } from '../../../src/core/surveys/weekly-figures';
import { reportedWeek } from '../../../src/slack/digests/nps-digest';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const NEW_YORK = 'America/New_York';

describe.each(testProviders())('weekly NPS/CSAT figures on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T15:00:00Z');
  });
  afterAll(async () => f.close());
  beforeEach(async () => {
    await f.db.prisma.surveyResponse.deleteMany();
  });

  const record = (responses: TSurveyInput[]) => recordSurveyResponses(f.deps, { source: 'import', responses });
  const at = (iso: string) => new Date(iso);

  it('counts a week in the digest time zone: Sunday 23:59 local is last week, Monday 00:00 local is this one', async () => {
    // Monday 23 November 2026 00:00 in New York is 05:00 UTC (EST, UTC−5).
    await record([
      { kind: 'nps', score: 10, customer: 'Acme', respondedAt: at('2026-11-23T04:59:00Z') }, // Sun 23:59 local
      { kind: 'nps', score: 0, customer: 'Acme', respondedAt: at('2026-11-23T05:00:00Z') }, // Mon 00:00 local
      { kind: 'nps', score: 9, customer: 'Acme', respondedAt: at('2026-11-30T04:59:59Z') }, // Sun 23:59:59 local
      { kind: 'nps', score: 9, customer: 'Acme', respondedAt: at('2026-11-30T05:00:00Z') }, // next Monday
    ]);
    const week = isoWeekOf(at('2026-11-25T15:00:00Z'), NEW_YORK);
    expect(week.label).toBe('2026-W48');
    const figures = await weeklySurveyFigures(f.deps, week);
    expect(figures.nps).toMatchObject({ promoters: 1, passives: 0, detractors: 1, responses: 2, score: 0 });
    const before = await weeklySurveyFigures(f.deps, previousIsoWeek(week.start, NEW_YORK));
    expect(before.nps).toMatchObject({ promoters: 1, responses: 1, score: 100 });
    // The same instants fall differently in UTC weeks: New York's Sunday night before is already W48 there,
    // and its last Sunday evening is W49.
    const utc = await weeklySurveyFigures(f.deps, isoWeekOf(at('2026-11-25T15:00:00Z'), 'UTC'));
    expect(utc.nps).toMatchObject({ promoters: 1, detractors: 1, responses: 2 });
    const utcNext = await weeklySurveyFigures(f.deps, isoWeekOf(at('2026-11-30T04:59:59Z'), 'UTC'));
    expect(utcNext.week.label).toBe('2026-W49');
    expect(utcNext.nps.responses).toBe(2);
  });

  it('keeps a week whole across a daylight-saving change (Berlin, 25 October 2026)', async () => {
    const berlin = 'Europe/Berlin';
    const week = isoWeekOf(at('2026-10-21T12:00:00Z'), berlin);
    expect(week.label).toBe('2026-W43');
    // Monday 19 Oct 00:00 CEST = 18 Oct 22:00Z; the week ends Monday 26 Oct 00:00 CET = 25 Oct 23:00Z (169 hours).
    expect(week.start).toEqual(at('2026-10-18T22:00:00Z'));
    expect(week.end).toEqual(at('2026-10-25T23:00:00Z'));
    await record([
      { kind: 'csat', score: 5, customer: 'Acme', respondedAt: at('2026-10-18T22:00:00Z') },
      { kind: 'csat', score: 1, customer: 'Acme', respondedAt: at('2026-10-25T22:30:00Z') }, // Sun 23:30 CET
      { kind: 'csat', score: 5, customer: 'Acme', respondedAt: at('2026-10-25T23:00:00Z') }, // next week
    ]);
    const figures = await weeklySurveyFigures(f.deps, week);
    expect(figures.csat).toMatchObject({ promoters: 1, detractors: 1, responses: 2, score: 50 });
  });

  it('reports the week just ended when scheduled and the week so far when run by hand', () => {
    // Monday 30 Nov 2026 09:00 in New York.
    const scheduledAt = at('2026-11-30T14:00:00Z');
    expect(reportedWeek({ trigger: 'schedule', scheduledAt, now: scheduledAt }, NEW_YORK).label).toBe('2026-W48');
    expect(reportedWeek({ trigger: 'catch-up', scheduledAt, now: at('2026-12-01T10:00:00Z') }, NEW_YORK).label).toBe(
      '2026-W48',
    );
    expect(reportedWeek({ trigger: 'manual', scheduledAt, now: scheduledAt }, NEW_YORK).label).toBe('2026-W49');
  });

  it('builds the report: trend, week before, worst comments and NPS per customer with several responses', async () => {
    const day = (n: number) => at(`2026-11-${String(16 + n).padStart(2, '0')}T12:00:00Z`); // W47 is 16–22 Nov (UTC)
    await record([
      // Week 47: 3 promoters, 1 passive, 2 detractors → NPS +17; CSAT 1 of 2 → 50%
      { kind: 'nps', score: 10, customer: 'Acme', respondedAt: day(0) },
      { kind: 'nps', score: 9, customer: 'Acme', respondedAt: day(1) },
      { kind: 'nps', score: 9, customer: 'Globex', respondedAt: day(1) },
      { kind: 'nps', score: 7, customer: 'Acme', respondedAt: day(2) },
      { kind: 'nps', score: 1, customer: 'Acme', comment: 'it broke twice', respondedAt: day(3) },
      { kind: 'nps', score: 6, customer: 'Globex', comment: '', respondedAt: day(4) },
      { kind: 'csat', score: 5, customer: 'Initech', respondedAt: day(2) },
      { kind: 'csat', score: 1, customer: 'Initech', comment: 'rude', respondedAt: day(3) },
      // Week 46: one promoter → +100
      { kind: 'nps', score: 10, customer: 'Globex', respondedAt: at('2026-11-10T12:00:00Z') },
      {
        kind: 'nps',
        score: 0,
        customer: 'Globex',
        comment: 'too old to show',
        respondedAt: at('2026-11-02T12:00:00Z'),
      },
    ]);
    const week = isoWeekOf(day(0), 'UTC');
    const report = await buildSurveyReport(f.deps, { week, now: f.clock.now(), timeZone: 'UTC' });
    expect(report.partial).toBe(false);
    expect(report.trend.map((figures) => figures.week.label)).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
    expect(report.current.nps).toMatchObject({ promoters: 3, passives: 1, detractors: 2, responses: 6, score: 17 });
    expect(report.current.csat).toMatchObject({ responses: 2, score: 50 });
    expect(report.previous.nps).toMatchObject({ responses: 1, score: 100 });
    expect(report.trend[5]!.nps).toMatchObject({ responses: 1, score: -100 });
    expect(report.worstComments.map((entry) => [entry.kind, entry.score, entry.customer, entry.comment])).toEqual([
      ['csat', 1, 'Initech', 'rude'],
      ['nps', 1, 'Acme', 'it broke twice'],
    ]);
    // Acme: 2 promoters, 1 passive, 1 detractor over 8 weeks → +25; Globex: 2P 0 2D → 0 (4 responses)
    expect(report.perCustomer.map((entry) => [entry.customer, entry.score, entry.responses])).toEqual([
      ['Globex', 0, 4],
      ['Acme', 25, 4],
    ]);

    const soFar = await buildSurveyReport(f.deps, {
      week: isoWeekOf(f.clock.now(), 'UTC'),
      now: f.clock.now(),
      timeZone: 'UTC',
    });
    expect(soFar.partial).toBe(true);
    expect(soFar.previous.nps.score).toBe(17);
  });
});
