import { validateBlocks } from '@advocate/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceIfNewlyAtRisk, evaluateAtRisk } from '../../../src/core/customers/at-risk';
import { atRiskReasons, byRisk, npsFall, type TCustomerNpsWeek } from '../../../src/core/customers/at-risk-rules';
import { AtRiskWatch } from '../../../src/core/customers/at-risk-watch';
import { findCustomerByName } from '../../../src/core/customers/customers-repository';
import { recordCustomerEvents } from '../../../src/core/customers/record-lifecycle';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import type { TSeverity } from '../../../src/core/escalations/escalation-vocabulary';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { openDatabase, type TDatabase } from '../../../src/core/shared/db/client';
import { migrateDatabase } from '../../../src/core/shared/db/migrations';
import { sqlOverPrisma } from '../../../src/core/shared/db/sql';
import { acquireJobLease } from '../../../src/core/shared/job-leases-repository';
import { ZAtRiskAnnouncement } from '../../../src/core/shared/outbox/outbox-messages';
import { enqueueOutbox } from '../../../src/core/shared/outbox/outbox-repository';
import { recordSurveyResponses } from '../../../src/core/surveys/record-responses';
import { createTheme } from '../../../src/core/themes/link-escalations';
import { AT_RISK_SWEEP_LEASE, sweepAtRisk } from '../../../src/schedule/at-risk-sweep';
import { atRiskAnnouncementMessage } from '../../../src/slack/customers/at-risk-views';
import { days, ManualClock } from '../../support/clock';
import { createTestDatabase, type TTestDatabase, testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';
import { shownText } from '../../support/outbox-text';

const week = (index: number, scores: number[]): TCustomerNpsWeek => ({
  index,
  label: `W${index}`,
  responses: scores.length,
  promoters: scores.filter((score) => score >= 9).length,
  detractors: scores.filter((score) => score <= 6).length,
});
const noFacts = { severeEscalations: [], detractors: null, npsWeeks: [], firstRecentWeek: 0, openThemeIds: [] };

describe('at-risk rules', () => {
  it('measures a weekly NPS from however few responses, skipping empty weeks up to four back', () => {
    // One promoter (+100) then one passive (0): a 100-point fall.
    expect(npsFall([week(3, [10]), week(4, [7])], 0)).toEqual({
      kind: 'nps-fall',
      fromWeek: 'W3',
      from: 100,
      toWeek: 'W4',
      to: 0,
    });
    // 9, 9, 7 → +67; then 9, 7, 7 → +33: a 34-point fall, across an empty week.
    expect(npsFall([week(1, [9, 9, 7]), week(3, [9, 7, 7])], 0)).toMatchObject({ from: 67, to: 33 });
    // 9, 8 → +50; then 9, 8, 8 → +33: 17 points, not enough.
    expect(npsFall([week(1, [9, 8]), week(2, [9, 8, 8])], 0)).toBeNull();
    // Five weeks apart is not week over week.
    expect(npsFall([week(1, [10]), week(6, [7])], 0)).toBeNull();
    // A fall that ended before the window does not count; a rise never does.
    expect(npsFall([week(1, [10]), week(2, [3]), week(3, [10])], 3)).toBeNull();
    expect(npsFall([week(1, [3]), week(2, [10])], 0)).toBeNull();
  });

  it('gives one reason per rule that holds, and none when only one open theme', () => {
    expect(atRiskReasons(noFacts)).toEqual([]);
    expect(atRiskReasons({ ...noFacts, openThemeIds: [4, 4] })).toEqual([]);
    const latestAt = new Date('2026-11-20T00:00:00Z');
    expect(
      atRiskReasons({
        severeEscalations: [
          { id: 9, severity: 'high' },
          { id: 3, severity: 'critical' },
        ],
        detractors: { count: 2, latestAt },
        npsWeeks: [week(0, [10]), week(1, [2])],
        firstRecentWeek: 0,
        openThemeIds: [4, 2, 4],
      }).map((reason) => reason.kind),
    ).toEqual(['severe-escalation', 'detractor', 'nps-fall', 'themes']);
  });

  it('renders an announcement read back from its outbox payload, within Block Kit, with both buttons', () => {
    const data = {
      customerId: 7,
      name: 'Acme <Corp>',
      arr: 125000,
      reasons: [
        { kind: 'severe-escalation', escalations: [{ id: 3, severity: 'critical' }] },
        { kind: 'detractor', count: 2, latestAt: new Date('2026-11-20T10:00:00Z') },
        { kind: 'nps-fall', fromWeek: '2026-W46', from: 100, toWeek: '2026-W47', to: -50 },
        { kind: 'themes', themeIds: [1, 4] },
      ],
    };
    const stored = ZAtRiskAnnouncement.parse(JSON.parse(JSON.stringify(data)));
    const message = atRiskAnnouncementMessage(stored);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Acme &lt;Corp&gt;* is now at risk (ARR $125,000)');
    expect(text).toContain('open high/critical escalation: ADV-3 (critical)');
    expect(text).toContain('2 detractor responses in the last 30 days (latest <!date^1795168800^{date_short}');
    expect(text).toContain('NPS fell 150 points: +100 in 2026-W46 → -50 in 2026-W47');
    expect(text).toContain('in 2 open themes: THM-1, THM-4');
    expect(text).toContain('"value":"{\\"customerId\\":7}"');
    expect(message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []))).toHaveLength(2);
  });

  it('orders by most reasons, then ARR (unknown last), then name', () => {
    const entry = (name: string, reasons: number, arr: number | null) => ({ name, arr, reasons: Array(reasons) });
    const sorted = [entry('b', 1, 10), entry('a', 1, null), entry('c', 2, 5), entry('d', 1, 10), entry('e', 2, 50)]
      .sort(byRisk)
      .map((e) => e.name);
    expect(sorted).toEqual(['e', 'c', 'b', 'd', 'a']);
  });
});

const SETTINGS = { advocateChannelId: 'CADVOCATE', timeZone: 'UTC' };

describe.each(testProviders())('customers at risk on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
    f.deps.atRisk = new AtRiskWatch(f.deps, SETTINGS);
  });
  afterAll(async () => f.close());

  const flag = (customer: string, severity: TSeverity) =>
    flagEscalation(f.deps, {
      reporterId: 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary: `problem at ${customer}`,
      severity,
      tags: [],
      customer,
      via: 'command',
    });
  const nps = (customer: string, score: number, at: string, source: 'webhook' | 'import' = 'webhook') =>
    recordSurveyResponses(f.deps, {
      source,
      responses: [
        { kind: 'nps', score, customer, respondedAt: new Date(at), comment: score <= 6 ? 'not happy' : null },
      ],
    });
  const arr = (customer: string, value: number) =>
    recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer, event: 'active', at: new Date('2026-01-01T00:00:00Z'), arr: value }],
    });
  const announcementsOf = async (customer: string) => {
    const id = (await findCustomerByName(f.db.prisma, customer))!.id;
    return (await f.queued()).filter((item) => item.dedupeKey.startsWith(`customer:${id}:at-risk:`));
  };

  it('lists who is at risk with their reasons, most reasons first and then by ARR', async () => {
    await arr('Big Co', 1_000_000);
    await flag('Big Co', 'critical');
    await nps('Big Co', 2, '2026-11-20T09:00:00Z');
    await arr('Small Co', 100);
    await flag('Small Co', 'high');
    await nps('Small Co', 5, '2026-11-01T09:00:00Z');
    await arr('Hooli', 5_000);
    await flag('Hooli', 'critical');
    await flag('Calm Co', 'medium');
    await nps('Pied Piper', 4, '2026-11-15T09:00:00Z');
    await nps('Old Detractor', 3, '2026-10-01T09:00:00Z'); // outside the 30 days
    await nps('Falling', 10, '2026-11-10T09:00:00Z'); // 2026-W46: +100
    await nps('Falling', 7, '2026-11-18T09:00:00Z'); // 2026-W47: 0
    await nps('Gap', 10, '2026-09-29T09:00:00Z'); // 2026-W40
    await nps('Gap', 7, '2026-11-11T09:00:00Z'); // 2026-W46: six weeks later, not week over week
    await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer: 'Gone Co', event: 'churned', at: new Date('2026-11-01T00:00:00Z') }],
    });
    await flag('Gone Co', 'critical'); // churned: no longer "at risk"

    const list = await evaluateAtRisk(f.db.prisma, f.clock.now(), 'UTC');
    const hooli = await flag('Hooli', 'low'); // does not change the list
    expect(list.map((entry) => [entry.customer.name, entry.reasons.map((reason) => reason.kind)])).toEqual([
      ['Big Co', ['severe-escalation', 'detractor']],
      ['Small Co', ['severe-escalation', 'detractor']],
      ['Hooli', ['severe-escalation']],
      ['Falling', ['nps-fall']],
      ['Pied Piper', ['detractor']],
    ]);
    expect(list.find((entry) => entry.customer.name === 'Falling')!.reasons[0]).toEqual({
      kind: 'nps-fall',
      fromWeek: '2026-W46',
      from: 100,
      toWeek: '2026-W47',
      to: 0,
    });
    expect(list[1]!.reasons[1]).toEqual({ kind: 'detractor', count: 1, latestAt: new Date('2026-11-01T09:00:00Z') });
    expect(hooli.customerId).toBe(list[2]!.customer.id);
  });

  it('announces a customer once when it becomes at risk, with its reasons, and again only after 30 days', async () => {
    const [announcement, ...more] = await announcementsOf('Hooli');
    expect(more).toEqual([]);
    const hooli = (await findCustomerByName(f.db.prisma, 'Hooli'))!;
    // Its only reason is the escalation just flagged, whose card the channel has just seen: said in that card's thread.
    const first = await f.db.prisma.escalation.findFirstOrThrow({
      where: { customerId: hooli.id },
      orderBy: { id: 'asc' },
    });
    expect(announcement).toMatchObject({
      dedupeKey: `customer:${hooli.id}:at-risk:2026-11-25`,
      kind: 'escalation.note',
      payload: { escalationId: first.id },
      text: expect.stringContaining('*Hooli* is now at risk: this is its open high/critical escalation.'),
    });
    // Raising and flagging again the same day, or next week, announces nothing new.
    const low = await flag('Hooli', 'low');
    await changeEscalation(f.deps, { escalationId: low.id, kind: 'raise', actorId: 'UADV1', via: 'reaction' });
    f.clock.advance(days(7));
    await flag('Hooli', 'high');
    expect(await announcementsOf('Hooli')).toHaveLength(1);
    // 31 days after the announcement, still at risk: the next event announces it again.
    f.clock.set('2026-12-26T10:00:00Z');
    await flag('Hooli', 'critical');
    const again = await announcementsOf('Hooli');
    expect(again.map((item) => item.dedupeKey)).toEqual([
      `customer:${hooli.id}:at-risk:2026-11-25`,
      `customer:${hooli.id}:at-risk:2026-12-26`,
    ]);
    f.clock.set('2026-11-25T10:00:00Z');
  });

  it('announces a detractor at once, but leaves imported history to the sweep', async () => {
    await nps('Initech', 1, '2026-11-24T09:00:00Z');
    expect(await announcementsOf('Initech')).toHaveLength(1);
    await nps('Umbrella', 0, '2026-11-24T09:00:00Z', 'import');
    expect(await announcementsOf('Umbrella')).toHaveLength(0);
    // A promoter for a customer in good standing evaluates and announces nothing.
    await nps('Happy Co', 10, '2026-11-24T09:00:00Z');
    expect(await announcementsOf('Happy Co')).toHaveLength(0);
  });

  it('sweeps in what no event announced (imports, a second open theme), once, under a lease', async () => {
    const a = await flag('Themed Co', 'low');
    const b = await flag('Themed Co', 'medium');
    const other = await flag('Acme', 'low');
    await createTheme(f.deps, {
      title: 'Slow exports',
      escalationIds: [a.id, other.id],
      actorId: 'UADV1',
      via: 'command',
    });
    await createTheme(f.deps, { title: 'Login loops', escalationIds: [b.id], actorId: 'UADV1', via: 'command' });
    expect(await announcementsOf('Themed Co')).toHaveLength(0);

    // Another replica holds the lease: this one does nothing.
    await acquireJobLease(f.db.prisma, AT_RISK_SWEEP_LEASE, 'other-replica', f.clock.now(), 60_000);
    expect(await sweepAtRisk(f.deps, SETTINGS)).toBeNull();
    f.clock.advance(61_000);

    // Everyone else at risk was announced by a hook already; the sweep adds Themed Co and the imported Umbrella.
    expect(await sweepAtRisk(f.deps, SETTINGS)).toEqual({ atRisk: 8, announced: 2, summarized: 0 });
    const themed = await announcementsOf('Themed Co');
    expect(themed).toHaveLength(1);
    expect(themed[0]!.payload).toMatchObject({ announcement: { reasons: [{ kind: 'themes' }] } });
    expect(await announcementsOf('Umbrella')).toHaveLength(1);
    expect(await announcementsOf('Acme')).toHaveLength(0);
    expect(await sweepAtRisk(f.deps, SETTINGS)).toMatchObject({ announced: 0, summarized: 0 });
  });

  it('announces at most three customers from one batch, and sums up a crowd in one message', async () => {
    const names = Array.from({ length: 15 }, (_, i) => `Crowd ${String(i + 1).padStart(2, '0')}`);
    await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: names.map((customer) => ({ kind: 'nps' as const, score: 1, customer, respondedAt: f.clock.now() })),
    });
    const announcedAtOnce = await Promise.all(names.map(async (name) => (await announcementsOf(name)).length));
    expect(announcedAtOnce.filter(Boolean)).toHaveLength(3);

    const before = (await f.queued()).length;
    expect(await sweepAtRisk(f.deps, SETTINGS)).toMatchObject({ announced: 10, summarized: 2 });
    const queued = (await f.queued()).slice(before);
    expect(queued.filter((item) => item.dedupeKey.startsWith('customer:'))).toHaveLength(10);
    const crowd = queued.find((item) => item.dedupeKey.startsWith('customers:at-risk:crowd:'));
    expect(shownText(crowd?.payload)).toMatch(
      /^:rotating_light: 2 more customers became at risk: Crowd \d\d, Crowd \d\d\./,
    );
    expect(await sweepAtRisk(f.deps, SETTINGS)).toMatchObject({ announced: 0, summarized: 0 });
  });
});

/**
 * Replicas share one PostgreSQL; SQLite is embedded in one process, so there the evaluations race inside one
 * process (a hook and the sweep at once) rather than across two.
 */
describe.each(testProviders())('concurrent evaluations of one customer on %s', (provider) => {
  let database: TTestDatabase;
  let replicas: TDatabase[];
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await migrateDatabase(database.url);
    const first = openDatabase(database.url);
    replicas = [first, provider === 'postgresql' ? openDatabase(database.url) : first];
  });
  afterAll(async () => {
    for (const replica of new Set(replicas)) await replica.close();
    await database.drop();
  });

  it('announce it once', async () => {
    const clock = new ManualClock('2026-11-25T10:00:00Z');
    const [one] = replicas as [TDatabase, TDatabase];
    // Stored without hooks' help: the escalation exists, nobody has announced the customer yet.
    const customer = await one.prisma.customer.create({ data: { name: 'Stark', nameKey: 'stark' } });
    await one.prisma.escalation.create({
      data: {
        reporterId: 'U1',
        sourceChannelId: 'C1',
        summary: 'reactor down',
        severity: 'critical',
        customerId: customer.id,
      },
    });
    const announced = await Promise.all(
      replicas.flatMap((replica) =>
        [1, 2].map(() =>
          replica.prisma.$transaction(async (tx) =>
            enqueueOutbox(
              sqlOverPrisma(replica.provider, tx),
              await announceIfNewlyAtRisk(tx, [customer.id], clock.now(), SETTINGS),
              clock.now(),
            ),
          ),
        ),
      ),
    );
    expect(announced.flat()).toHaveLength(1);
    expect(await one.prisma.outboxMessage.count({ where: { kind: 'customer.at-risk' } })).toBe(1);
  });
});
