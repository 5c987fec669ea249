import { describe, expect, it } from 'vitest';
import { Channels, People, type TTestApp, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';

const cards = (t: TTestApp) =>
  (t.slack.messagesIn(Channels.advocates) as { text: string }[]).filter((m) => m.text.startsWith('ADV-'));

async function flagAtOnce(t: TTestApp, count: number) {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      t.slack.runSlashCommand(i % 2 ? People.agent : People.agent2, Channels.support, `#pace card ${i}`),
    ),
  );
  await t.settle();
}

async function deliverEverything(t: TTestApp) {
  for (let round = 0; round < 40; round++) {
    await t.settle();
    if ((await t.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } })) === 0) return;
    t.clock.advance(6_000);
    await t.drainOutbox();
  }
  throw new Error('the outbox never emptied');
}

// Below the storm threshold, so every flag is a card of its own in the one channel. The harness checks after each
// test that the fake Slack refused nothing for going too fast.
describe.each(testProviders())("Slack's rate limits on %s", (provider) => {
  const t = useTestApp(provider, { env: { STORM_THRESHOLD: '100' }, slackSpeed: 1 });

  it('a burst of flags is posted at the channel pace: every card arrives, none is refused, none twice', async () => {
    await flagAtOnce(t, 12);
    await deliverEverything(t);
    expect(cards(t)).toHaveLength(12);
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === Channels.advocates && !c.ok)).toEqual(
      [],
    );
  }, 120_000);

  it('not_in_channel: the bot joins and every card still arrives', async () => {
    t.slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 3);
    await flagAtOnce(t, 3);
    await deliverEverything(t);
    // Never more joins than refusals: messages that learn it while a join is in flight share that join.
    const refusals = t.slack.callsTo('chat.postMessage').filter((c) => c.error === 'not_in_channel').length;
    expect(refusals).toBe(3);
    expect(t.slack.callsTo('conversations.join').length).toBeLessThanOrEqual(refusals);
    expect(cards(t)).toHaveLength(3);
  }, 120_000);
  // Last: the pacer keeps the method closed for Retry-After, in real time, for this app's later tests too.
  it("a 429 closes chat.postMessage for Retry-After: nobody calls it again until the outbox's next turn", async () => {
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await flagAtOnce(t, 1);
    await flagAtOnce(t, 4);
    // The first card met the 429; the four after it did not call during Retry-After, and were put back uncounted.
    expect(t.slack.callsTo('chat.postMessage').filter((c) => c.params.channel === Channels.advocates)).toHaveLength(1);
    const failed = await t.app.db.prisma.outboxMessage.findMany({ where: { kind: 'card.post', status: 'pending' } });
    expect(failed).toHaveLength(5);
    expect(failed.filter((row) => row.attempts > 0)).toHaveLength(1);
  }, 120_000);
});
