import { isPng } from '@advocate/slack-standin';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_CATALOG } from '../../src/app/composition';
import { addSubscription } from '../../src/core/digests/subscriptions-repository';
import { trusted } from '../../src/core/shared/text/mrkdwn';
import { recordSurveyResponses, type TSurveyInput } from '../../src/core/surveys/record-responses';
import { runDueDigests } from '../../src/schedule/run-due-digests';
import type { TWeeklyReportSection } from '../../src/slack/digests/weekly-report-sections';
import { context, section } from '../../src/slack/kit/block-limits';
import { Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TBlock } from '../support/slack-text';

type TPosted = { text: string; ts: string; blocks?: TBlock[]; files?: { id: string }[] };

/** Monday 30 November 2026, 09:00 UTC: NPS_DIGEST_CRON's default minute; week 2026-W48 has just ended. */
const MONDAY = '2026-11-30T09:00:00Z';
const SUBSCRIBER = 'C0SUPPORT1';

const reportsIn = (t: TTestApp, channel: string) =>
  (t.slack.messagesIn(channel) as TPosted[]).filter((message) => message.text.startsWith('NPS & CSAT'));

describe.each(testProviders())('weekly NPS/CSAT report on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, { clock: new ManualClock(MONDAY) });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    const db = t.app.db.prisma;
    await db.surveyResponse.deleteMany();
    await db.delivery.deleteMany();
    await db.subscription.deleteMany();
    t.slack.reset();
    t.clock.set(MONDAY);
  });

  const record = (responses: TSurveyInput[]) =>
    recordSurveyResponses(t.app.services.deps, { source: 'import', responses });
  const at = (iso: string) => new Date(iso);
  /** Week 48 (23–29 Nov): NPS 3 promoters, 1 passive, 2 detractors → +17; CSAT 2 of 3 → 67%. Week 47: NPS +100. */
  const seedTwoWeeks = () =>
    record([
      { kind: 'nps', score: 10, customer: 'Acme', respondedAt: at('2026-11-23T10:00:00Z') },
      { kind: 'nps', score: 9, customer: 'Acme', respondedAt: at('2026-11-24T10:00:00Z') },
      { kind: 'nps', score: 9, customer: 'Globex', respondedAt: at('2026-11-25T10:00:00Z') },
      { kind: 'nps', score: 8, customer: 'Globex', respondedAt: at('2026-11-26T10:00:00Z') },
      { kind: 'nps', score: 0, customer: 'Acme', comment: 'terrible support', respondedAt: at('2026-11-27T10:00:00Z') },
      { kind: 'nps', score: 5, customer: 'Globex', comment: 'meh', respondedAt: at('2026-11-29T23:59:00Z') },
      { kind: 'csat', score: 4, customer: 'Initech', respondedAt: at('2026-11-24T10:00:00Z') },
      { kind: 'csat', score: 5, customer: 'Initech', respondedAt: at('2026-11-25T10:00:00Z') },
      { kind: 'csat', score: 2, customer: 'Initech', comment: 'slow', respondedAt: at('2026-11-26T10:00:00Z') },
      { kind: 'nps', score: 10, customer: 'Acme', respondedAt: at('2026-11-18T10:00:00Z') },
      // Monday of week 49: not in the report of week 48.
      { kind: 'nps', score: 0, customer: 'Acme', respondedAt: at('2026-11-30T00:00:00Z') },
    ]);

  it('reports the week just ended to the advocate and subscribed channels, with a PNG chart, once per week', async () => {
    await seedTwoWeeks();
    await addSubscription(t.app.db.prisma, {
      channelId: SUBSCRIBER,
      kind: 'nps',
      subscribedBy: People.agent,
      now: at('2026-11-01T00:00:00Z'),
    });
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();

    for (const channel of [Channels.advocates, SUBSCRIBER]) {
      const [report, ...more] = reportsIn(t, channel);
      expect(more).toHaveLength(0);
      expect(report!.text).toBe('NPS & CSAT · week 2026-W48: NPS +17 (6 responses), CSAT 67% (3 responses)');
      const text = blockText(report!.blocks);
      for (const expected of [
        'Week 2026-W48: *NPS +17 (6 responses)* — 3 promoters · 1 passive · 2 detractors',
        // One response the week before: a change from it is noise.
        'Week before: NPS +100 (1 response) · (1 response — too few to compare)',
        'Week 2026-W48: *CSAT 67% (3 responses)* — 2 satisfied (4–5) · 0 neutral (3) · 1 dissatisfied (1–2)',
        'Week before: CSAT — (0 responses)',
        // On the data's own range (+17…+100), not −100…100.
        '8 weeks: `······█▁` W41→W48',
        'NPS from 6 responses is volatile',
        'CSAT from 3 responses is volatile',
        '*Worst detractor comments*',
        '• *NPS 0* · *Acme* — “terrible support”',
        '• *CSAT 2* · *Initech* — “slow”',
        '• *NPS 5* · *Globex* — “meh”',
        '*NPS per customer*',
        '• *Globex* NPS 0 (3 responses: 1 promoter, 1 passive, 1 detractor)\n• *Acme* NPS +50 (4 responses: 3 promoters, 0 passives, 1 detractor)',
        'Mon 23 Nov – Sun 29 Nov 2026 (UTC)',
      ]) {
        expect(text).toContain(expected);
      }
      const [chart, ...otherFiles] = t.slack.files().filter((file) => file.channelId === channel);
      expect(otherFiles).toHaveLength(0);
      expect(chart).toMatchObject({ filename: 'nps-csat-2026-W48.png', title: 'NPS and CSAT, 2026-W41 to 2026-W48' });
      expect(isPng(chart!.bytes!)).toBe(true);
      expect(chart!.bytes!.length).toBeGreaterThan(5_000);
      expect(chart!.altText).toContain('Weekly NPS 2026-W41 to 2026-W48');
    }
    const deliveries = await t.app.db.prisma.delivery.findMany({
      where: { kind: 'nps' },
      orderBy: { channelId: 'asc' },
    });
    expect(deliveries.map((row) => [row.channelId, row.period, row.status])).toEqual([
      [Channels.advocates, '2026-W48', 'sent'],
      [SUBSCRIBER, '2026-W48', 'sent'],
    ]);

    // Later the same morning (a restart, another replica, the next tick): nothing is posted twice.
    t.clock.set('2026-11-30T11:00:00Z');
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();
    expect(reportsIn(t, Channels.advocates)).toHaveLength(1);
    expect(t.slack.files()).toHaveLength(2);
  });

  it('`/advocate digest nps` reports the current week so far, counting a response a second old', async () => {
    await seedTwoWeeks();
    t.clock.set('2026-12-02T15:00:00Z');
    await record([
      ...Array.from({ length: 30 }, (_, index) => ({
        kind: 'csat' as const,
        score: index < 27 ? 5 : 1,
        customer: 'Hooli',
        respondedAt: at('2026-12-01T10:00:00Z'),
      })),
      { kind: 'nps', score: 9, customer: 'Hooli', respondedAt: at('2026-12-02T14:59:59Z') },
    ]);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'digest nps');
    await t.settle();
    const [report] = reportsIn(t, Channels.advocates);
    const text = blockText(report!.blocks);
    expect(report!.text).toBe('NPS & CSAT · 2026-W49 so far: NPS 0 (2 responses), CSAT 90% (30 responses)');
    expect(text).toContain('This week so far: *NPS 0 (2 responses)* — 1 promoter · 0 passives · 1 detractor');
    expect(text).toContain('Week before: NPS +17 (6 responses) · (2 responses — too few to compare)');
    expect(text).not.toContain('change *');
    expect(text).toContain('NPS from 2 responses is volatile');
    expect(text).not.toContain('CSAT from 30 responses is volatile');
    expect(text).toContain('the week is not over');
    expect(t.slack.files().map((file) => [file.channelId, file.filename])).toEqual([
      [Channels.advocates, 'nps-csat-2026-W49.png'],
    ]);
    expect(reportsIn(t, SUBSCRIBER)).toHaveLength(0);
  });

  it('still delivers the report once when the chart upload fails', async () => {
    await seedTwoWeeks();
    t.slack.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();
    expect(reportsIn(t, Channels.advocates)).toHaveLength(1);
    expect(t.slack.files().filter((file) => file.bytes)).toHaveLength(0);
    const delivery = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { kind: 'nps' } });
    expect(delivery.status).toBe('sent');
    t.clock.set('2026-11-30T09:05:00Z');
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    expect(reportsIn(t, Channels.advocates)).toHaveLength(1);
  });

  it('reports a week without responses plainly', async () => {
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();
    const [report] = reportsIn(t, Channels.advocates);
    expect(report!.text).toBe('NPS & CSAT · week 2026-W48: NPS — (0 responses), CSAT — (0 responses)');
    expect(blockText(report!.blocks)).toContain('No NPS responses that week.');
    expect(t.slack.files()).toHaveLength(1);
  });

  it('adds the sections other capabilities register, keeping the message within 50 blocks', async () => {
    const extra: TWeeklyReportSection[] = [
      {
        name: 'Open themes by customers affected',
        maxBlocks: 5,
        build: async (_services, { week }) => [section(trusted(`*Open themes* for ${week.label}`))],
      },
      {
        name: 'Retention',
        maxBlocks: 100,
        build: async () => Array.from({ length: 80 }, (_, index) => context(trusted(`retention line ${index}`))),
      },
      {
        name: 'Broken',
        maxBlocks: 3,
        build: async () => {
          throw new Error('boom');
        },
      },
    ];
    const services = {
      ...t.app.services,
      digestCatalog: {
        ...t.app.services.digestCatalog,
        weeklyReportSections: [...DIGEST_CATALOG.weeklyReportSections, ...extra],
      },
    };
    await seedTwoWeeks();
    await runDueDigests(services, t.clock.now(), { kinds: ['nps'] });
    await t.settle();
    const [report] = reportsIn(t, Channels.advocates);
    expect(report!.blocks!.length).toBeLessThanOrEqual(50);
    const text = blockText(report!.blocks);
    expect(text).toContain('*Open themes* for 2026-W48');
    expect(text).toContain('retention line 0');
    expect(text).toMatch(/Retention: \d+ more not shown/);
    expect(await t.app.db.prisma.delivery.findFirstOrThrow({ where: { kind: 'nps' } })).toMatchObject({
      status: 'sent',
    });
  });
});
