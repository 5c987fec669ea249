import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStatus } from '../../../src/core/customers/customer-lifecycle';
import { findCustomerByName } from '../../../src/core/customers/customers-repository';
import { recordCustomerEvents } from '../../../src/core/customers/record-lifecycle';
import { retentionFor, type TRetentionEvent, warningSigns } from '../../../src/core/customers/retention';
import { lastFullPeriods, retentionReport } from '../../../src/core/customers/retention-report';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { recordSurveyResponses } from '../../../src/core/surveys/record-responses';
import { periodRetentionText } from '../../../src/slack/customers/retention-views';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const OCTOBER = { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z'), label: '2026-10' };
let nextId = 1;
const ev = (customerId: number, event: string, at: string, arr: number | null = null): TRetentionEvent => ({
  id: nextId++,
  customerId,
  event,
  at: new Date(at),
  arr,
});

describe('retention maths (hand-computed)', () => {
  it('has no rate when nobody was active at the start', () => {
    const r = retentionFor([ev(1, 'active', '2026-10-05'), ev(2, 'active', '2026-10-10')], OCTOBER);
    expect(r).toMatchObject({ activeAtStart: 0, activeAtEnd: 2, becameActive: 2, rate: null, revenue: null });
    expect(r.lost).toEqual([]);
    expect(retentionFor([], OCTOBER)).toMatchObject({ activeAtStart: 0, activeAtEnd: 0, rate: null });
  });

  it('is 0% customer and revenue retention when everyone churned', () => {
    const r = retentionFor(
      [
        ev(1, 'active', '2026-01-01', 100),
        ev(2, 'active', '2026-02-01', 200),
        ev(1, 'churned', '2026-10-03'),
        ev(2, 'churned', '2026-10-20'),
      ],
      OCTOBER,
    );
    // (0 − 0) / 2 × 100 = 0; ARR 300 → 0.
    expect(r).toMatchObject({ activeAtStart: 2, activeAtEnd: 0, becameActive: 0, rate: 0 });
    expect(r.revenue).toEqual({ startArr: 300, endArr: 0, rate: 0, customersWithArr: 2 });
    expect(r.lost.sort()).toEqual([1, 2]);
    expect(r.churnedAt.get(2)).toEqual(new Date('2026-10-20'));
  });

  it('leaves customers that joined and left within the period out of both counts', () => {
    const r = retentionFor(
      [
        ev(1, 'active', '2025-11-01', 100),
        ev(2, 'active', '2025-12-01', 200),
        ev(3, 'active', '2026-03-01', 300),
        ev(4, 'active', '2026-04-01', 400),
        ev(4, 'churned', '2026-10-15'),
        ev(5, 'active', '2026-10-05', 50), // joins …
        ev(5, 'churned', '2026-10-25'), // … and leaves within October
        ev(6, 'active', '2026-10-12', 70), // joins and stays
        ev(2, 'renewed', '2026-10-20', 250), // expands
      ],
      OCTOBER,
    );
    // Start: 1,2,3,4 (4). End: 1,2,3,6 (4). Became active during and still active: 6 (1).
    // (4 − 1) / 4 × 100 = 75%. Counting 5 as "became active" would give (4 − 2) / 4 = 50%, losing a customer twice.
    expect(r).toMatchObject({ activeAtStart: 4, activeAtEnd: 4, becameActive: 1, rate: 75 });
    expect(r.lost).toEqual([4]);
    expect(r.joinedAndLeft).toEqual([5]);
    // ARR of the starting four: 1000 → 100 + 250 + 300 + 0 = 650.
    expect(r.revenue).toEqual({ startArr: 1000, endArr: 650, rate: 65, customersWithArr: 4 });
    expect([...r.churnedAt.keys()].sort()).toEqual([4, 5]);
  });

  it('counts a comeback as new, a churn-and-return inside the period as kept, and respects the boundaries', () => {
    const r = retentionFor(
      [
        ev(1, 'active', '2026-01-01'),
        ev(1, 'churned', '2026-10-02'),
        ev(1, 'active', '2026-10-09'), // left and came back: still one of the starting customers
        ev(2, 'active', '2026-01-01'),
        ev(2, 'churned', '2026-06-01'),
        ev(2, 'renewed', '2026-10-15'), // was churned at the start: a comeback is new
        ev(3, 'active', '2026-10-01T00:00:00Z'), // at the start instant: during the period
        ev(4, 'active', '2026-09-01'),
        ev(4, 'churned', '2026-11-01T00:00:00Z'), // at the end instant: after the period
      ],
      OCTOBER,
    );
    // Start: 1, 4 (2). End: 1, 2, 3, 4 (4). New: 2, 3 (2). (4 − 2) / 2 = 100%.
    expect(r).toMatchObject({ activeAtStart: 2, activeAtEnd: 4, becameActive: 2, rate: 100, lost: [], revenue: null });
  });

  it('keeps the revenue figure to customers whose ARR was known at the start', () => {
    const r = retentionFor(
      [ev(1, 'active', '2026-01-01', 1000), ev(2, 'active', '2026-01-01'), ev(2, 'churned', '2026-10-10')],
      OCTOBER,
    );
    expect(r.rate).toBe(50);
    expect(r.revenue).toEqual({ startArr: 1000, endArr: 1000, rate: 100, customersWithArr: 1 });
  });

  it('counts the warning signs before each churn: escalations open or recent, detractors in 90 days', () => {
    const churns = new Map([
      [1, new Date('2026-10-10')],
      [2, new Date('2026-10-20')],
      [3, new Date('2026-10-25')],
    ]);
    const signs = warningSigns(
      churns,
      [
        { customerId: 1, createdAt: new Date('2026-08-01'), resolvedAt: new Date('2026-08-05') }, // within 90 days
        { customerId: 2, createdAt: new Date('2026-01-01'), resolvedAt: new Date('2026-10-25') }, // open at churn
        { customerId: 3, createdAt: new Date('2026-10-26'), resolvedAt: null }, // after it left
        { customerId: 3, createdAt: new Date('2026-03-01'), resolvedAt: new Date('2026-03-02') }, // too old
      ],
      [
        { customerId: 1, respondedAt: new Date('2026-09-01') },
        { customerId: 3, respondedAt: new Date('2026-06-01') }, // more than 90 days before
      ],
    );
    expect(signs).toEqual({ churned: 3, withEscalation: 2, withDetractor: 1, withBoth: 1, withNeither: 1 });
  });

  it('takes status from the latest event, "since" from the start of its run', () => {
    const at = (day: string) => new Date(`2026-${day}T00:00:00Z`);
    expect(currentStatus([])).toEqual({ status: 'unknown', since: null });
    expect(
      currentStatus([
        { event: 'renewed', at: at('06-01') },
        { event: 'active', at: at('01-01') },
        { event: 'churned', at: new Date('2025-06-01T00:00:00Z') },
      ]),
    ).toEqual({ status: 'active', since: at('01-01') });
    expect(
      currentStatus([
        { event: 'churned', at: at('09-01') },
        { event: 'active', at: at('01-01') },
      ]),
    ).toEqual({ status: 'churned', since: at('09-01') });
  });

  it('reports the last full month and quarter in the digest time zone', () => {
    const { month, quarter } = lastFullPeriods(new Date('2026-11-25T10:00:00Z'), 'America/New_York');
    expect(month).toEqual({
      start: new Date('2026-10-01T04:00:00Z'),
      end: new Date('2026-11-01T04:00:00Z'),
      label: '2026-10',
    });
    expect(quarter).toEqual({
      start: new Date('2026-07-01T04:00:00Z'),
      end: new Date('2026-10-01T04:00:00Z'),
      label: '2026-Q3',
    });
    expect(lastFullPeriods(new Date('2026-01-15T12:00:00Z'), 'UTC').quarter.label).toBe('2025-Q4');
  });
});

describe.each(testProviders())('retention from recorded lifecycle events on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f.close());

  it('follows the latest `at` whatever the arrival order, dedupes externalIds and updates ARR', async () => {
    const first = await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [
        { customer: 'Vandelay', event: 'churned', at: new Date('2026-10-10T00:00:00Z'), externalId: 'crm-3' },
        { customer: 'vandelay ', event: 'active', at: new Date('2026-01-05T00:00:00Z'), externalId: 'crm-1', arr: 900 },
        {
          customer: 'Vandelay',
          event: 'renewed',
          at: new Date('2026-06-01T00:00:00Z'),
          externalId: 'crm-2',
          arr: 1200,
        },
        {
          customer: 'Vandelay',
          event: 'renewed',
          at: new Date('2026-06-01T00:00:00Z'),
          externalId: 'crm-2',
          arr: 1200,
        },
      ],
    });
    expect(first).toEqual({ accepted: 3, duplicates: 1, customersCreated: 1, customersUpdated: 0 });
    let customer = (await findCustomerByName(f.db.prisma, 'VANDELAY'))!;
    expect(customer).toMatchObject({ status: 'churned', statusSince: new Date('2026-10-10T00:00:00Z'), arr: 1200 });

    const again = await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [
        { customer: 'Vandelay', event: 'active', at: new Date('2026-01-05T00:00:00Z'), externalId: 'crm-1', arr: 900 },
        // An older ARR arriving late does not overwrite the newer one.
        { customer: 'Vandelay', event: 'active', at: new Date('2025-12-01T00:00:00Z'), arr: 700 },
      ],
    });
    expect(again).toEqual({ accepted: 1, duplicates: 1, customersCreated: 0, customersUpdated: 0 });
    customer = (await findCustomerByName(f.db.prisma, 'Vandelay'))!;
    expect(customer).toMatchObject({ status: 'churned', arr: 1200 });

    await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer: 'Vandelay', event: 'active', at: new Date('2026-11-20T00:00:00Z'), arr: 500 }],
    });
    customer = (await findCustomerByName(f.db.prisma, 'Vandelay'))!;
    expect(customer).toMatchObject({ status: 'active', statusSince: new Date('2026-11-20T00:00:00Z'), arr: 500 });
  });

  it('reports month and quarter with the churned named and the warning signs', async () => {
    await f.db.prisma.customerEvent.deleteMany();
    const events = [
      ['Alpha', 'active', '2026-05-01', 1000],
      ['Beta', 'active', '2026-05-01', 2000],
      ['Gamma', 'active', '2026-05-01', 3000],
      ['Delta', 'active', '2026-05-01', 4000],
      ['Delta', 'churned', '2026-10-15', null],
      ['Epsilon', 'active', '2026-10-05', 500],
      ['Epsilon', 'churned', '2026-10-25', null],
      ['Zeta', 'active', '2026-10-12', 700],
      ['Gamma', 'churned', '2026-08-20', null],
    ] as const;
    await recordCustomerEvents(f.deps, {
      source: 'import',
      events: events.map(([customer, event, at, arr]) => ({ customer, event, at: new Date(`${at}T12:00:00Z`), arr })),
    });
    // Delta had a detractor score and an open escalation before it left; Epsilon nothing.
    f.clock.set('2026-09-20T10:00:00Z');
    await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [{ kind: 'nps', score: 2, customer: 'delta', comment: 'we are evaluating alternatives' }],
    });
    const escalation = await flagEscalation(f.deps, {
      reporterId: 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary: 'exports keep failing',
      severity: 'high',
      tags: [],
      customer: 'Delta',
      via: 'command',
    });
    f.clock.set('2026-10-20T10:00:00Z');
    await changeEscalation(f.deps, { escalationId: escalation.id, kind: 'resolve', actorId: 'UADV1', via: 'button' });
    f.clock.set('2026-11-25T10:00:00Z');

    const report = await retentionReport(f.deps, 'UTC');
    // October: start Alpha, Beta, Delta (3); end Alpha, Beta, Zeta (3); new Zeta (1): (3 − 1) / 3 = 66.7%.
    expect(report.month.retention).toMatchObject({ activeAtStart: 3, activeAtEnd: 3, becameActive: 1 });
    expect(report.month.retention.rate).toBeCloseTo(66.667, 2);
    expect(report.month.retention.revenue).toMatchObject({ startArr: 7000, endArr: 3000, customersWithArr: 3 });
    expect(report.month.lostNames).toEqual(['Delta']);
    expect(report.month.joinedAndLeftNames).toEqual(['Epsilon']);
    expect(report.month.warning).toEqual({
      churned: 2,
      withEscalation: 1,
      withDetractor: 1,
      withBoth: 1,
      withNeither: 1,
    });
    // Q3: start Alpha, Beta, Gamma, Delta (4); Gamma left in August: 75%.
    expect(report.quarter.retention).toMatchObject({ activeAtStart: 4, activeAtEnd: 3, becameActive: 0, rate: 75 });
    expect(report.quarter.lostNames).toEqual(['Gamma']);

    const text = periodRetentionText('last month', report.month).text;
    expect(text).toContain('Customers: *66.7%*: 2 of 3 active at the start still active (3 at the end, 1 new)');
    expect(text).toContain('Revenue: *42.9%*: ARR 7,000 → 3,000 (3 of 3 with a known ARR)');
    expect(text).toContain('Churned (1): Delta · joined and left (1): Epsilon');
    expect(text).toContain(
      'Churn with warning signs: of 2 churned, 1 had an escalation open or in the 90 days before leaving, 1 a detractor score (1 both, 1 neither).',
    );
  });
});
