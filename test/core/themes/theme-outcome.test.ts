import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCustomers } from '../../../src/core/customers/merge-customers';
import { recordCustomerEvents } from '../../../src/core/customers/record-lifecycle';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { openDatabase } from '../../../src/core/shared/db/client';
import { recordSurveyResponses } from '../../../src/core/surveys/record-responses';
import { createTheme } from '../../../src/core/themes/link-escalations';
import { runDueOutcomeChecks } from '../../../src/core/themes/outcome-checks';
import { resolveTheme } from '../../../src/core/themes/resolve-theme';
import { themeOutcome } from '../../../src/core/themes/theme-outcome';
import { days } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

describe.each(testProviders())('fix outcomes on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-06-01T10:00:00Z');
  });
  afterAll(async () => f.close());

  const flag = (customer: string, tags: string[], summary = 'charged twice this month') =>
    flagEscalation(f.deps, {
      reporterId: 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary,
      severity: 'high',
      tags,
      customer,
      via: 'command',
    });
  const nps = (customer: string, score: number, at: Date) =>
    recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [{ kind: 'nps', score, customer, respondedAt: at }],
    });
  const at = (offsetDays: number, from: Date) => new Date(from.getTime() + days(offsetDays));

  it('follows the accounts of a resolution, through a merge, and measures before → since by hand', async () => {
    const a = await flag('Acme', ['billing']);
    const b = await flag('Globex', ['billing']);
    const { theme } = await createTheme(f.deps, {
      title: 'Billing double charge',
      escalationIds: [a.id, b.id],
      actorId: 'UADV1',
      via: 'command',
    });
    expect((await themeOutcome(f.deps, theme.id)).kind).toBe('not-resolved');

    f.clock.advance(days(20));
    const R = f.clock.now();
    // Before: Acme 2, Globex 4, Acme 9 → 1 promoter, 2 detractors of 3 → −33.
    await nps('Acme', 2, at(-15, R));
    await nps('Globex', 4, at(-10, R));
    await nps('Acme', 9, at(-5, R));
    await resolveTheme(f.deps, { themeId: theme.id, note: 'Fixed in 4.2', actorId: 'UADV1', via: 'button' });
    const followUps = await f.db.prisma.themeFollowUp.findMany({
      where: { themeId: theme.id },
      include: { customers: true },
    });
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.resolvedAt).toEqual(R);
    expect(followUps[0]!.customers).toHaveLength(2);

    // Globex becomes "Globex Corp": the merged customer's history and the follow-up move to the survivor.
    f.clock.advance(days(1));
    await nps('Globex Corp', 10, at(2, R));
    await mergeCustomers(f.deps, { from: 'Globex', into: 'Globex Corp', actorId: 'UADV1', via: 'command' });
    // Since: Acme 9, Globex Corp 10 (and its merged record's), Acme 8 → 2 promoters, 1 passive of 3 → +67.
    f.clock.set(at(10, R));
    await nps('Acme', 9, at(5, R));
    await nps('Acme', 8, at(9, R));
    await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer: 'Acme', event: 'renewed', at: at(8, R) }],
    });
    const wayne = await flag('Wayne', ['billing'], 'charged twice again');

    const answer = await themeOutcome(f.deps, theme.id);
    if (answer.kind !== 'outcome') throw new Error('expected an outcome');
    expect(answer.outcome.accounts).toEqual(['Acme', 'Globex Corp']);
    expect(answer.outcome.nps).toMatchObject({
      before: { score: -33, responses: 3 },
      after: { score: 67, responses: 3 },
      change: 100,
    });
    expect(answer.outcome.renewed).toEqual(['Acme']);
    expect(answer.outcome.regressions).toEqual([{ customer: 'Wayne', escalationIds: [wayne.id] }]);
    expect(answer.outcome.notHeardFrom).toEqual([]);
    expect(answer.outcome.verdict).toBe('regressed: 1 new escalation');
  });

  it('posts each check once when due, across two processes on one database, and a re-resolution starts over', async () => {
    f.clock.set('2026-08-01T10:00:00Z');
    const c = await flag('Initech', ['sso'], 'login loops forever');
    const { theme } = await createTheme(f.deps, {
      title: 'SSO loops',
      escalationIds: [c.id],
      actorId: 'UADV1',
      via: 'command',
    });
    await resolveTheme(f.deps, { themeId: theme.id, note: 'Fixed', actorId: 'UADV1', via: 'button' });
    const R = f.clock.now();
    // A second process: its own connection to the same database, the same clock.
    const other = openDatabase(f.url);
    const otherDeps = { ...f.deps, db: other };
    const checkDays = [30, 90];
    const outcomeKeys = async () =>
      (await f.queued())
        .filter((item) => item.dedupeKey.startsWith(`theme:${theme.id}:outcome:`))
        .map((item) => item.dedupeKey);
    try {
      f.clock.set(at(29.99, R));
      const early = await runDueOutcomeChecks(f.deps, { now: f.clock.now(), checkDays });
      expect(early.filter((check) => check.themeId === theme.id)).toEqual([]);

      f.clock.set(at(30, R));
      const [one, two] = await Promise.all([
        runDueOutcomeChecks(f.deps, { now: f.clock.now(), checkDays }),
        runDueOutcomeChecks(otherDeps, { now: f.clock.now(), checkDays }),
      ]);
      expect([...one, ...two].filter((check) => check.themeId === theme.id).map((check) => check.days)).toEqual([30]);
      expect(await outcomeKeys()).toEqual([
        `theme:${theme.id}:outcome:${(await f.db.prisma.themeFollowUp.findFirstOrThrow({ where: { themeId: theme.id } })).id}:30:thread`,
        expect.stringMatching(/:30:card$/),
      ]);
      const thread = (await f.queued()).find(
        (item) => item.dedupeKey.startsWith(`theme:${theme.id}:`) && item.dedupeKey.endsWith(':30:thread'),
      )!;
      expect(thread.payload).toMatchObject({
        kind: 'theme.outcome',
        days: 30,
        outcome: { verdict: 'too early to say' },
      });
      expect((await findFollowUp()).lastVerdict).toBe('too early to say');

      // A restart repeats nothing; at 90 days the second check follows.
      f.clock.set(at(60, R));
      const repeated = await runDueOutcomeChecks(otherDeps, { now: f.clock.now(), checkDays });
      expect(repeated.filter((check) => check.themeId === theme.id)).toEqual([]);
      f.clock.set(at(90, R));
      const late = await runDueOutcomeChecks(f.deps, { now: f.clock.now(), checkDays });
      expect(late.filter((check) => check.themeId === theme.id).map((check) => check.days)).toEqual([90]);
      expect(await outcomeKeys()).toHaveLength(4);
      expect((await findFollowUp()).lastCheckDays).toBe(90);

      // Reopened (a theme open again) and resolved again: a new follow-up, with its own checks; the first stays.
      await f.db.prisma.theme.update({ where: { id: theme.id }, data: { status: 'open' } });
      await resolveTheme(f.deps, { themeId: theme.id, note: 'Fixed for real', actorId: 'UADV1', via: 'button' });
      expect(await f.db.prisma.themeFollowUp.count({ where: { themeId: theme.id } })).toBe(2);
      f.clock.set(at(120, R));
      const again = await runDueOutcomeChecks(f.deps, { now: f.clock.now(), checkDays });
      expect(again.filter((check) => check.themeId === theme.id).map((check) => check.days)).toEqual([30]);
      expect(await outcomeKeys()).toHaveLength(6);
    } finally {
      await other.close();
    }

    async function findFollowUp() {
      return f.db.prisma.themeFollowUp.findFirstOrThrow({ where: { themeId: theme.id }, orderBy: { id: 'asc' } });
    }
  });
});
