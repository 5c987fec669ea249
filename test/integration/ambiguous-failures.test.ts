import { reactionAddedEvent } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { Channels, People, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { dmChannelOf } from '../support/slack-text';

type TMessage = { text: string; ts: string; thread_ts?: string };

/**
 * Slack carried out a post but its answer never arrived (a timeout, a dropped connection): the retry must find the
 * earlier post instead of posting again. The stand-in does the work and then drops the connection.
 */
describe.each(testProviders())('ambiguous Slack failures on %s', (provider) => {
  const t = useTestApp(provider);

  const cards = () =>
    (t.slack.messagesIn(Channels.advocates) as TMessage[]).filter((message) => message.text.startsWith('ADV-'));

  it('posts one card when the answer to the first post was lost, and records that card', async () => {
    t.slack.failNext('chat.postMessage', { answerLost: true });
    await t.slack.runSlashCommand(People.agent, Channels.support, '!medium customer:Initech exports time out');
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.cardTs).toBeNull();
    expect(cards()).toHaveLength(1); // Slack has it; Advocate does not know yet

    t.clock.advance(60_000);
    await t.drainOutbox();
    await t.settle();
    expect(cards()).toHaveLength(1);
    const after = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after).toMatchObject({ postState: 'posted', cardTs: cards()[0]!.ts });
    // Later changes update that card in place.
    await t.sendEvent(
      reactionAddedEvent({ user: People.advocate, reaction: 'eyes', channel: Channels.advocates, ts: after.cardTs! }),
    );
    await t.settle();
    expect(t.slack.callsTo('chat.update').map((call) => call.params.ts)).toEqual([after.cardTs]);
  });

  it('keeps looking before posting when the look-up itself was refused, so the card is still posted once', async () => {
    t.slack.failNext('chat.postMessage', { answerLost: true });
    await t.slack.runSlashCommand(People.agent, Channels.support, '!medium customer:Initech the look-up was refused');
    await t.settle();
    expect(cards()).toHaveLength(1);
    // The retry's look-up is rate limited: nothing is known yet about whether the card is in Slack.
    t.slack.failNext('conversations.history', { status: 429, retryAfter: 1 });
    for (let attempt = 0; attempt < 3; attempt++) {
      t.clock.advance(60_000);
      await t.drainOutbox();
      await t.settle();
    }
    expect(cards()).toHaveLength(1);
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored).toMatchObject({ postState: 'posted', cardTs: cards()[0]!.ts });
    const row = await t.app.db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'card.post' } });
    expect(row).toMatchObject({ status: 'sent', maybeSentSince: null });
  });

  it('posts one thread line and one DM when their answers were lost', async () => {
    await t.slack.runSlashCommand(People.agent, Channels.support, '!low customer:Hooli typo on the invoice');
    await t.settle();
    const stored = await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    t.slack.failNext('chat.postMessage', { answerLost: true }, 2); // the thread line, then the reporter's DM
    await t.sendEvent(
      reactionAddedEvent({ user: People.advocate, reaction: 'eyes', channel: Channels.advocates, ts: stored.cardTs! }),
    );
    await t.settle();
    const thread = () => t.slack.threadOf(Channels.advocates, stored.cardTs!) as TMessage[];
    const dms = () =>
      (t.slack.messagesIn(dmChannelOf(People.agent)) as TMessage[]).filter((m) => m.text.includes('was claimed by'));
    expect([thread().length, dms().length]).toEqual([1, 1]);

    t.clock.advance(60_000);
    await t.drainOutbox();
    await t.settle();
    expect([thread().length, dms().length]).toEqual([1, 1]);
    const pending = await t.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } });
    expect(pending).toBe(0);
  });

  it('still posts after a failure Slack answered (nothing was posted then)', async () => {
    t.slack.failNext('chat.postMessage', { error: 'internal_error' });
    await t.slack.runSlashCommand(People.agent, Channels.support, '!medium customer:Globex search is slow');
    await t.settle();
    expect(cards()).toHaveLength(0);
    t.clock.advance(60_000);
    await t.drainOutbox();
    await t.settle();
    expect(cards()).toHaveLength(1);
    expect(t.slack.callsTo('conversations.history')).toHaveLength(0);
  });
});
