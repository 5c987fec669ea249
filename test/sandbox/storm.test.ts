import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProviders } from '../support/databases';
import { Channels, startTestSandbox, type TTestSandbox } from './sandbox-harness';

type TPosted = { text: string; ts: string };

describe.each(testProviders())('the sandbox’s Simulate storm on %s', (provider) => {
  let t: TTestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox(provider);
  });
  afterAll(async () => t.stop());

  it('sends 30 flags that are all stored and become one storm message in #advocates, without a single 429', async () => {
    const { status, body } = await t.post<{ ok: boolean; message: string }>('/sandbox/api/storm', {});
    expect(status).toBe(200);
    expect(body.message).toMatch(/^Sent 30 flags/);
    await t.settle();
    const db = t.sandbox.db.prisma;
    expect(await db.escalation.count()).toBe(30);

    // The sandbox's own outbox sends the cards at Slack's pace (about one a second): wait until every card is out.
    for (let round = 0; round < 240; round++) {
      await t.settle();
      const pending = await db.outboxMessage.count({ where: { status: 'pending' } });
      if (pending === 0 && (await db.escalation.count({ where: { cardTs: null } })) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await db.escalation.count({ where: { cardTs: null } })).toBe(0);

    const topLevel = t.sandbox.standIn.messagesIn(Channels.advocates) as TPosted[];
    const storms = topLevel.filter((m) => /storm/i.test(m.text));
    expect(storms).toHaveLength(1);
    expect(storms[0]!.text).toMatch(/^Storm: 30 escalations from 7 customers/);
    // Those flagged before the threshold was reached keep their own cards; the rest are in the storm's thread.
    const own = topLevel.filter((m) => m.text.startsWith('ADV-'));
    const thread = t.sandbox.standIn.threadOf(Channels.advocates, storms[0]!.ts) as TPosted[];
    const inThread = thread.filter((m) => m.text.startsWith('ADV-'));
    expect(own.length).toBeLessThan(t.sandbox.services.config.storm.threshold);
    expect(own.length + inThread.length).toBe(30);
    expect(t.sandbox.standIn.rateLimitedCalls().map((call) => call.method)).toEqual([]);
  }, 240_000);
});
