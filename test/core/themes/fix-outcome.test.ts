import { describe, expect, it } from 'vitest';
import {
  fixOutcome,
  outcomeFigures,
  outcomeSpan,
  type TFixOutcomeInput,
  type TOutcomeResponse,
} from '../../../src/core/themes/fix-outcome';

const R = new Date('2026-10-01T00:00:00Z');
const day = (n: number) => new Date(R.getTime() + n * 86_400_000);
const ACME = 1;
const GLOBEX = 2;
const INITECH = 3;
const HOOLI = 4;
const UMBRELLA = 5;
const customers = [
  { id: ACME, name: 'Acme' },
  { id: GLOBEX, name: 'Globex' },
  { id: INITECH, name: 'Initech' },
  { id: HOOLI, name: 'Hooli' },
  { id: UMBRELLA, name: 'Umbrella' },
];
const nps = (customerId: number, score: number, at: Date): TOutcomeResponse => ({
  customerId,
  kind: 'nps',
  score,
  respondedAt: at,
});
const csat = (customerId: number, score: number, at: Date): TOutcomeResponse => ({
  customerId,
  kind: 'csat',
  score,
  respondedAt: at,
});
const input = (over: Partial<TFixOutcomeInput>): TFixOutcomeInput => ({
  resolvedAt: R,
  asOf: day(30),
  customers,
  responses: [],
  events: [],
  escalations: [],
  themeTags: ['billing'],
  ...over,
});

describe('the outcome of a fix, worked by hand', () => {
  it('won back: NPS -40 (5) → +20 (5) is +60 over 30 days; renewals, churn and silence are named', () => {
    const outcome = fixOutcome(
      input({
        responses: [
          // Before (the 90 days up to the resolution): 9 promoter · 7 passive · 3, 5, 0 detractors
          // → 100 × (1 − 3) / 5 = −40.
          nps(ACME, 9, day(-80)),
          nps(ACME, 3, day(-10)),
          nps(GLOBEX, 5, day(-1)),
          nps(INITECH, 0, day(-0.001)),
          nps(HOOLI, 7, day(-45)),
          // Too old, not followed, or after the report: not counted.
          nps(GLOBEX, 0, day(-91)),
          nps(99, 0, day(-5)),
          nps(ACME, 0, day(31)),
          // Since (the resolution itself included): 10, 9 promoters · 8, 7 passives · 4 detractor → 100 × (2 − 1) / 5 = +20.
          nps(HOOLI, 8, R),
          nps(ACME, 10, day(2)),
          nps(GLOBEX, 9, day(12)),
          nps(INITECH, 4, day(20)),
          nps(ACME, 7, day(29)),
          // CSAT: 2 before (too few), 3 since, all 4–5 → 100%.
          csat(ACME, 5, day(-3)),
          csat(GLOBEX, 2, day(-3)),
          csat(ACME, 4, day(3)),
          csat(GLOBEX, 4, day(3)),
          csat(HOOLI, 5, day(3)),
        ],
        events: [
          { customerId: ACME, event: 'renewed', at: day(10) },
          // Churned, then won back: the latest move counts.
          { customerId: GLOBEX, event: 'churned', at: day(5) },
          { customerId: GLOBEX, event: 'renewed', at: day(20) },
          { customerId: INITECH, event: 'churned', at: day(3) },
          // Before the resolution: neither a renewal since nor news from Umbrella.
          { customerId: UMBRELLA, event: 'renewed', at: day(-1) },
        ],
      }),
    );
    expect(outcome.nps).toEqual({
      kind: 'nps',
      before: { score: -40, responses: 5 },
      after: { score: 20, responses: 5 },
      enough: true,
      change: 60,
    });
    expect(outcomeFigures(outcome.nps)).toBe('NPS -40 (5) → +20 (5)');
    expect(outcomeFigures(outcome.csat)).toBe(
      'CSAT — (2) → 100% (3) · too few responses to say (fewer than 3 on a side)',
    );
    expect(outcome.renewed).toEqual(['Acme', 'Globex']);
    expect(outcome.churned).toEqual(['Initech']);
    expect(outcome.notHeardFrom).toEqual(['Umbrella']);
    expect(outcome.regressions).toEqual([]);
    expect(outcome.verdict).toBe('won back: NPS +60 over 30 days · 1 churned');
  });

  it('regressed: new escalations sharing a tag or a customer, named with their ADV ids', () => {
    const escalation = (
      id: number,
      customerId: number | null,
      customerName: string | null,
      tags: string[],
      at: Date,
    ) => ({
      id,
      customerId,
      customerName,
      tags,
      createdAt: at,
    });
    const outcome = fixOutcome(
      input({
        escalations: [
          escalation(41, null, 'Wayne', ['billing', 'refunds'], day(4)),
          escalation(40, UMBRELLA, 'Umbrella', ['sso'], day(2)),
          escalation(44, UMBRELLA, 'Umbrella', [], day(6)),
          // Another tag, another customer: not the theme's business. Before the resolution: the theme's own.
          escalation(42, 77, 'Stark', ['sso'], day(3)),
          escalation(43, ACME, 'Acme', ['billing'], day(-2)),
        ],
      }),
    );
    expect(outcome.regressions).toEqual([
      { customer: 'Umbrella', escalationIds: [40, 44] },
      { customer: 'Wayne', escalationIds: [41] },
    ]);
    expect(outcome.notHeardFrom).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);
    expect(outcome.verdict).toBe('regressed: 3 new escalations');
  });

  it('ties: 12.5 rounds away from zero both ways, and a change of exactly 10 points is a win while 9 is not', () => {
    const passives = (n: number, at: Date) => Array.from({ length: n }, () => nps(HOOLI, 7, at));
    // 1 promoter and 7 passives: 100 × 1 / 8 = 12.5 → +13; 1 detractor and 7 passives → −13.
    const up = fixOutcome(input({ responses: [nps(ACME, 9, day(1)), ...passives(7, day(1))] }));
    const down = fixOutcome(input({ responses: [nps(ACME, 6, day(1)), ...passives(7, day(1))] }));
    expect([up.nps.after.score, down.nps.after.score]).toEqual([13, -13]);

    // Before: 1 promoter, 1 passive, 1 detractor → 0. Since: 1 promoter and 9 passives → +10: won back, exactly.
    const before = [nps(ACME, 10, day(-1)), nps(GLOBEX, 8, day(-1)), nps(INITECH, 1, day(-1))];
    const ten = fixOutcome(input({ responses: [...before, nps(ACME, 9, day(1)), ...passives(9, day(1))] }));
    expect(ten.verdict).toBe('won back: NPS +10 over 30 days');
    // 1 promoter and 10 passives → 9.09 → +9: no change.
    const nine = fixOutcome(input({ responses: [...before, nps(ACME, 9, day(1)), ...passives(10, day(1))] }));
    expect(nine.verdict).toBe('no change: NPS +9 over 30 days');
    // −10 is a loss.
    const worse = fixOutcome(input({ responses: [...before, nps(ACME, 6, day(1)), ...passives(9, day(1))] }));
    expect(worse.verdict).toBe('worse: NPS -10 over 30 days');
  });

  it('no responses at all: dashes, zero counts, too early to say, everyone not heard from', () => {
    const outcome = fixOutcome(input({}));
    expect(outcomeFigures(outcome.nps)).toBe('NPS — (0) → — (0) · too few responses to say (fewer than 3 on a side)');
    expect(outcome.nps.change).toBeNull();
    expect(outcome.verdict).toBe('too early to say');
    expect(outcome.notHeardFrom).toEqual(['Acme', 'Globex', 'Hooli', 'Initech', 'Umbrella']);
  });

  it('CSAT decides when NPS has too few responses; churn alone is a loss', () => {
    const responses = [
      csat(ACME, 2, day(-5)),
      csat(GLOBEX, 3, day(-5)),
      csat(HOOLI, 4, day(-5)),
      csat(ACME, 4, day(5)),
      csat(GLOBEX, 5, day(5)),
      csat(HOOLI, 3, day(5)),
    ];
    // 1 of 3 satisfied (33%) → 2 of 3 (67%): +34 points.
    expect(fixOutcome(input({ responses })).verdict).toBe('won back: CSAT +34 over 30 days');
    const churn = fixOutcome(input({ events: [{ customerId: HOOLI, event: 'churned', at: day(8) }] }));
    expect(churn.verdict).toBe('lost: 1 churned over 30 days');
  });

  it('says how long the fix has had, in days or, for a check minutes after, in minutes', () => {
    expect(outcomeSpan(R, day(90))).toBe('90 days');
    expect(outcomeSpan(R, day(1))).toBe('1 day');
    expect(outcomeSpan(R, new Date(R.getTime() + 150_000))).toBe('2m');
  });
});
