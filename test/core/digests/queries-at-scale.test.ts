import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../../src/core/shared/time/zoned';
import { detractorsWithoutAdvocate } from '../../../src/core/surveys/detractors-without-advocate';
import { buildSurveyReport } from '../../../src/core/surveys/survey-report';
import { suggestThemes } from '../../../src/core/themes/theme-suggestions';
import { days, hours, minutes } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

/**
 * The digest queries name customers and tags in batches (SQLite takes at most 999 bound values per statement):
 * these data sets are past one batch, written straight to the tables so that setting them up stays quick.
 */
describe.each(testProviders())('digest queries past one batch on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f.close());
  beforeEach(async () => {
    await f.db.prisma.surveyResponse.deleteMany();
    await f.db.prisma.escalationTag.deleteMany();
    await f.db.prisma.escalation.deleteMany();
    await f.db.prisma.customer.deleteMany();
  });

  const customers = async (count: number, prefix: string) => {
    const names = Array.from({ length: count }, (_, index) => `${prefix} ${String(index).padStart(4, '0')}`);
    await f.db.prisma.customer.createMany({ data: names.map((name) => ({ name, nameKey: name.toLowerCase() })) });
    return f.db.prisma.customer.findMany({ where: { name: { startsWith: prefix } }, orderBy: { id: 'asc' } });
  };
  const escalationsFor = (customerIds: number[], status: string, createdAt: Date) =>
    f.db.prisma.escalation.createManyAndReturn({
      data: customerIds.map((customerId) => ({
        reporterId: 'U0AGENT001',
        sourceChannelId: 'C0SUPPORT1',
        summary: 'seeded',
        status,
        customerId,
        createdAt,
      })),
    });

  it('lists the worst detractors without an advocate across 1,200 customers, and counts them all', async () => {
    const now = f.clock.now();
    const quiet = await customers(1200, 'Quiet');
    const busy = await customers(50, 'Busy');
    const [settled] = await customers(1, 'Settled');
    await escalationsFor(
      busy.map((customer) => customer.id),
      'claimed',
      now,
    );
    const [resolved] = await escalationsFor([settled!.id], 'resolved', now);
    const response = (customerId: number, score: number, ago: number, escalationId: number | null = null) => ({
      kind: 'nps',
      score,
      customerId,
      respondedAt: new Date(now.getTime() - ago),
      source: 'import',
      escalationId,
    });
    await f.db.prisma.surveyResponse.createMany({
      data: [
        ...quiet.map((customer, index) => response(customer.id, index % 7, minutes(index))),
        // Not counted: a customer with an open escalation, a promoter, a response already taken up, a stale one.
        ...busy.map((customer) => response(customer.id, 0, minutes(1))),
        response(quiet[0]!.id, 10, minutes(1)),
        response(quiet[1]!.id, 0, minutes(1), resolved!.id),
        response(quiet[2]!.id, 0, days(8)),
        // Counted: the customer's only escalation is resolved.
        { ...response(settled!.id, 1, hours(30)), kind: 'csat' },
      ],
    });
    const expected = [
      ...quiet.map((customer, index) => ({ name: customer.name, score: index % 7, ago: minutes(index) })),
      { name: settled!.name, score: 1, ago: hours(30) },
    ]
      .sort((a, b) => a.score - b.score || a.ago - b.ago)
      .map((entry) => entry.name);

    const found = await detractorsWithoutAdvocate(f.deps, now, 8);
    expect(found.total).toBe(1201);
    expect(found.responses.map((row) => row.customer.name)).toEqual(expected.slice(0, 8));
    const more = await detractorsWithoutAdvocate(f.deps, now, 400);
    expect(more.responses.map((row) => row.customer.name)).toEqual(expected.slice(0, 400));
    expect(more.responses.slice(170, 175).map((row) => row.score)).toEqual([0, 0, 1, 1, 1]);
  });

  it.each([500, 510])('proposes each of %i #tags that three customers share', async (count) => {
    const now = f.clock.now();
    const tagged = await customers(3, 'Tagged');
    const tags = Array.from({ length: count }, (_, index) => `tag-${String(index).padStart(3, '0')}`);
    const rows = await escalationsFor(
      tags.flatMap(() => tagged.map((customer) => customer.id)),
      'open',
      new Date(now.getTime() - hours(1)),
    );
    await f.db.prisma.escalationTag.createMany({
      data: rows.map((row, index) => ({ escalationId: row.id, tag: tags[Math.floor(index / 3)]! })),
    });

    const suggestions = await suggestThemes(f.deps);
    expect(suggestions).toHaveLength(count);
    expect(suggestions[0]).toMatchObject({
      tag: 'tag-000',
      customers: ['Tagged 0000', 'Tagged 0001', 'Tagged 0002'],
      escalationIds: rows.slice(0, 3).map((row) => row.id),
      escalationCount: 3,
    });
    expect(suggestions.map((suggestion) => suggestion.tag)).toEqual(tags);
  });

  it('ranks customers with the same NPS and responses in the order they were added', async () => {
    const now = f.clock.now();
    const alike = await customers(12, 'Alike');
    await f.db.prisma.surveyResponse.createMany({
      data: alike.flatMap((customer) =>
        [10, 7, 0].map((score) => ({
          kind: 'nps',
          score,
          customerId: customer.id,
          respondedAt: now,
          source: 'import',
        })),
      ),
    });
    const report = await buildSurveyReport(f.deps, { week: isoWeekOf(now, 'UTC'), now, timeZone: 'UTC' });
    expect(report.perCustomerTotal).toBe(12);
    expect(report.perCustomer.map((entry) => [entry.customer, entry.score, entry.passives])).toEqual(
      alike.slice(0, 10).map((customer) => [customer.name, 0, 1]),
    );
  });
});
