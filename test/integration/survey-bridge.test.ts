import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addSubscription } from '../../src/core/digests/subscriptions-repository';
import { recordSurveyResponses, type TSurveyInput } from '../../src/core/surveys/record-responses';
import { runDueDigests } from '../../src/schedule/run-due-digests';
import { Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { days, ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';

type TElement = { type: string; action_id?: string; value?: string };
type TBlock = { type: string; text?: { text: string }; accessory?: TElement; elements?: TElement[] };
type TPosted = { text: string; ts: string; blocks?: TBlock[] };

/** Wednesday 25 November 2026, 09:00 UTC: OPEN_DIGEST_CRON's default minute. */
const WEDNESDAY = '2026-11-25T09:00:00Z';

/** Every message of a channel, threads included (a long digest continues in its thread). */
const everything = (t: TTestApp, channel: string = Channels.advocates) =>
  (t.slack.messagesIn(channel) as TPosted[]).flatMap((message) => [
    message,
    ...(t.slack.threadOf(channel, message.ts) as TPosted[]),
  ]);
const detractorButtons = (t: TTestApp, channel: string = Channels.advocates) =>
  everything(t, channel).flatMap((message) =>
    (message.blocks ?? [])
      .filter((block) => block.accessory?.action_id === 'detractor_open_escalation')
      .map((block) => ({ message, text: block.text?.text ?? '', value: JSON.parse(block.accessory!.value!) })),
  );
const lastEphemeral = (t: TTestApp, user: string) => t.slack.ephemeralsFor(user).at(-1)?.text ?? '';

describe.each(testProviders())('the detractor bridge on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, { clock: new ManualClock(WEDNESDAY) });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    const db = t.app.db.prisma;
    await db.surveyResponse.deleteMany();
    await db.timelineEntry.deleteMany();
    await db.escalationTag.deleteMany();
    await db.escalation.deleteMany();
    await db.delivery.deleteMany();
    await db.subscription.deleteMany();
    t.slack.reset();
    t.clock.set(WEDNESDAY);
  });

  const record = (responses: TSurveyInput[]) =>
    recordSurveyResponses(t.app.services.deps, { source: 'webhook', responses });
  const openDigest = async () => {
    await runDueDigests(t.app.services, t.clock.now(), { kinds: ['open'] });
    await t.settle();
  };

  it('lists detractors without an advocate in the open digest, and the button opens ADV-n once', async () => {
    await record([
      {
        kind: 'nps',
        score: 2,
        customer: 'Acme Corp',
        comment: 'nobody called back',
        respondedAt: new Date(Date.parse(WEDNESDAY) - days(1)),
      },
      { kind: 'nps', score: 9, customer: 'Acme Corp' },
      { kind: 'csat', score: 3, customer: 'Globex' },
      { kind: 'nps', score: 1, customer: 'Old News', respondedAt: new Date(Date.parse(WEDNESDAY) - days(8)) },
    ]);
    await addSubscription(t.app.db.prisma, {
      channelId: Channels.support,
      kind: 'open',
      subscribedBy: People.agent,
      now: new Date('2026-11-01T00:00:00Z'),
    });
    await openDigest();

    const buttons = detractorButtons(t);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.text).toMatch(
      /^\*NPS 2\* · \*Acme Corp\* · <!date\^\d+\^\{date_short_pretty\}\|2026-11-24 09:00 UTC> — “nobody called back”$/,
    );
    const heading = everything(t)
      .flatMap((message) => message.blocks ?? [])
      .find((block) => block.text?.text.startsWith('*Detractors without an advocate*'));
    expect(heading?.text?.text).toContain('1 in the last 7 days whose customer has no open escalation');

    const { message } = buttons[0]!;
    await t.slack.clickButton(People.advocate, Channels.advocates, message.ts, 'detractor_open_escalation');
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({ include: { customer: true, tags: true } });
    expect(escalation).toMatchObject({
      summary: 'NPS 2 from Acme Corp: “nobody called back”',
      severity: 'high',
      status: 'open',
      reporterId: People.advocate,
      postState: 'posted',
    });
    expect(escalation.customer?.name).toBe('Acme Corp');
    const card = (t.slack.messagesIn(Channels.advocates) as TPosted[]).find(
      (posted) => posted.ts === escalation.cardTs,
    );
    expect(card?.blocks?.[0]?.text?.text).toBe(`ADV-${escalation.id} · NPS 2 from Acme Corp: “nobody called back”`);
    expect(lastEphemeral(t, People.advocate)).toContain(
      `Opened *ADV-${escalation.id}* for Acme Corp from this response`,
    );
    const response = await t.app.db.prisma.surveyResponse.findFirstOrThrow({ where: { score: 2 } });
    expect(response.escalationId).toBe(escalation.id);
    // The digest line now says where the response went, and offers no button to press again.
    expect(detractorButtons(t)).toHaveLength(0);
    const handled = everything(t)
      .flatMap((posted) => posted.blocks ?? [])
      .find((block) => block.text?.text.includes('nobody called back') && block.text.text.startsWith('*NPS 2*'));
    expect(handled?.text?.text).toContain(`:arrow_right: *ADV-${escalation.id}* (<@${People.advocate}>)`);

    // The same digest in a subscribed channel still has the button: pressing it there opens nothing new.
    const [elsewhere] = detractorButtons(t, Channels.support);
    await t.slack.clickButton(People.advocate2, Channels.support, elsewhere!.message.ts, 'detractor_open_escalation');
    await t.settle();
    expect(await t.app.db.prisma.escalation.count()).toBe(1);
    expect(lastEphemeral(t, People.advocate2)).toContain(`already linked to *ADV-${escalation.id}*`);

    // The next digest no longer offers it.
    t.clock.set('2026-11-26T09:00:00Z');
    t.slack.reset();
    await openDigest();
    expect(detractorButtons(t)).toHaveLength(0);
  });

  it('puts a detractor of a customer with an open escalation on that escalation instead', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:Initech invoices are wrong');
    await t.settle();
    const escalation = await t.app.db.prisma.escalation.findFirstOrThrow();
    await record([{ kind: 'csat', score: 1, customer: 'initech', comment: 'still wrong' }]);
    await t.settle();
    const thread = t.slack.threadOf(Channels.advocates, escalation.cardTs!) as TPosted[];
    expect(thread.map((posted) => posted.text)).toContainEqual(
      expect.stringContaining('New detractor response from *Initech*: CSAT 1 “still wrong”'),
    );
    const timeline = await t.app.db.prisma.timelineEntry.findMany({ where: { escalationId: escalation.id } });
    expect(timeline.map((entry) => [entry.action, entry.toValue])).toContainEqual(['detractor response', 'CSAT 1']);
    await openDigest();
    expect(detractorButtons(t)).toHaveLength(0);
  });
});
