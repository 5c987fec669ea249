import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Channels, People, startTestApp, type TTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';

const TOKEN = 'survey-token-0123456789abcdef';
const NOW = '2026-11-25T10:00:00.000Z';

type TBlock = { type: string; text?: { text: string }; elements?: { text?: string }[] };
const ephemeralText = (t: TTestApp, user: string) => {
  const last = t.slack.ephemeralsFor(user).at(-1);
  const blocks = (last?.blocks ?? []) as TBlock[];
  return [last?.text, ...blocks.flatMap((block) => [block.text?.text, ...(block.elements ?? []).map((e) => e.text)])]
    .filter(Boolean)
    .join('\n');
};

describe.each(testProviders())('capturing survey responses on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider, { env: { SURVEY_WEBHOOK_TOKEN: TOKEN }, clock: new ManualClock(NOW) });
  });
  afterAll(async () => t.stop());
  beforeEach(async () => {
    await t.settle();
    t.slack.reset();
    t.clock.set(NOW);
  });

  const post = (body: unknown, options: { token?: string | null; raw?: string; type?: string } = {}) =>
    fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: {
        'content-type': options.type ?? 'application/json',
        ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? TOKEN}` }),
      },
      body: options.raw ?? JSON.stringify(body),
    });
  const answer = async (response: Response) => ({ status: response.status, body: await response.json() });

  describe('POST /surveys', () => {
    it('refuses a missing or wrong token with 401 and stores nothing', async () => {
      const item = { kind: 'nps', score: 9, customer: 'Acme' };
      expect((await post(item, { token: null })).status).toBe(401);
      expect((await post(item, { token: 'survey-token-0123456789abcdeX' })).status).toBe(401);
      expect(await t.app.db.prisma.surveyResponse.count({ where: { customer: { name: 'Acme' } } })).toBe(0);
    });

    it('stores one response, defaulting respondedAt to now, and answers with counts', async () => {
      const result = await answer(
        await post({ kind: 'nps', score: 9, customer: 'Webhook One', comment: 'great', externalId: 'w1-a' }),
      );
      expect(result).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
      const row = await t.app.db.prisma.surveyResponse.findUniqueOrThrow({
        where: { externalId: 'w1-a' },
        include: { customer: true },
      });
      expect(row).toMatchObject({ kind: 'nps', score: 9, comment: 'great', source: 'webhook', recordedById: null });
      expect(row.customer.name).toBe('Webhook One');
      expect(row.respondedAt.toISOString()).toBe(NOW);
    });

    it('accepts a repeated externalId once, within a batch and across requests', async () => {
      const batch = [
        { kind: 'csat', score: 5, customer: 'Webhook Two', externalId: 'w2-a', respondedAt: '2026-11-24T09:00:00Z' },
        { kind: 'csat', score: 4, customer: 'Webhook Two', externalId: 'w2-b' },
        { kind: 'csat', score: 5, customer: 'Webhook Two', externalId: 'w2-a' },
      ];
      expect(await answer(await post(batch))).toEqual({ status: 200, body: { accepted: 2, duplicates: 1 } });
      expect(await answer(await post(batch))).toEqual({ status: 200, body: { accepted: 0, duplicates: 3 } });
      expect(await t.app.db.prisma.surveyResponse.count({ where: { customer: { name: 'Webhook Two' } } })).toBe(2);
    });

    it('names the item and the field of a bad body, and stores none of the batch', async () => {
      const bad = await answer(
        await post([
          { kind: 'nps', score: 10, customer: 'Webhook Three' },
          { kind: 'nps', score: 11, customer: 'Webhook Three' },
        ]),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('item 1: score: must be from 0 to 10 for NPS; got 11');
      const single = await answer(await post({ kind: 'csat', score: 0, customer: 'Webhook Three' }));
      expect(single).toEqual({ status: 400, body: { error: 'score: must be from 1 to 5 for CSAT; got 0' } });
      const kind = await answer(await post({ kind: 'ces', score: 3, customer: 'Webhook Three' }));
      expect(kind.body.error).toBe('kind: must be "nps" or "csat"');
      const customer = await answer(await post({ kind: 'nps', score: 3, customer: '' }));
      expect(customer.body.error).toBe('customer: must not be empty');
      const future = await answer(
        await post({ kind: 'nps', score: 3, customer: 'Webhook Three', respondedAt: '2026-11-25T11:00:00Z' }),
      );
      expect(future.body.error).toBe('respondedAt: must not be in the future');
      const notADate = await answer(await post({ kind: 'nps', score: 3, customer: 'X', respondedAt: 'last week' }));
      expect(notADate.body.error).toMatch(/^respondedAt: must be an ISO 8601 date-time/);
      expect((await post(null, { raw: '{"kind":' })).status).toBe(400);
      expect(await t.app.db.prisma.surveyResponse.count({ where: { customer: { name: 'Webhook Three' } } })).toBe(0);
    });

    it('refuses a body over 64 KiB with 413', async () => {
      const response = await post({ kind: 'nps', score: 3, customer: 'Big', comment: 'x'.repeat(70 * 1024) });
      expect(response.status).toBe(413);
    });

    it('adds a detractor to its customer’s open escalation and says so in the card thread', async () => {
      await t.slack.runSlashCommand(People.agent, Channels.support, 'customer:"Webhook Four" renewal is at risk');
      await t.settle();
      const escalation = await t.app.db.prisma.escalation.findFirstOrThrow({
        where: { customer: { name: 'Webhook Four' } },
      });
      expect(
        await answer(await post({ kind: 'nps', score: 4, customer: 'webhook four', comment: 'no callback' })),
      ).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
      await t.settle();
      const thread = t.slack.threadOf(Channels.advocates, escalation.cardTs!) as { text: string }[];
      expect(thread.map((message) => message.text)).toContainEqual(
        expect.stringContaining('New detractor response from *Webhook Four*: NPS 4 “no callback”'),
      );
      const row = await t.app.db.prisma.surveyResponse.findFirstOrThrow({
        where: { customer: { name: 'Webhook Four' } },
      });
      expect(row.escalationId).toBe(escalation.id);
    });
  });

  describe('/advocate nps and csat', () => {
    it('records by hand with the agent kept, and answers privately', async () => {
      await t.slack.runSlashCommand(People.agent, Channels.support, 'nps 9 customer:Manual great onboarding');
      await t.settle();
      expect(ephemeralText(t, People.agent)).toContain('Recorded *NPS 9* for *Manual* “great onboarding”.');
      const row = await t.app.db.prisma.surveyResponse.findFirstOrThrow({ where: { customer: { name: 'Manual' } } });
      expect(row).toMatchObject({
        kind: 'nps',
        score: 9,
        comment: 'great onboarding',
        source: 'manual',
        recordedById: People.agent,
      });
      expect(t.slack.messagesIn(Channels.support)).toHaveLength(0);
    });

    it('tells the agent where a detractor goes', async () => {
      await t.slack.runSlashCommand(People.agent2, Channels.support, 'csat 2 customer:"Manual Corp" slow replies');
      await t.settle();
      const text = ephemeralText(t, People.agent2);
      expect(text).toContain('Recorded *CSAT 2* for *Manual Corp* “slow replies”.');
      expect(text).toContain('Manual Corp has no open escalation: it will appear in the next open digest');
      const row = await t.app.db.prisma.surveyResponse.findFirstOrThrow({
        where: { customer: { name: 'Manual Corp' } },
      });
      expect(row).toMatchObject({ kind: 'csat', score: 2, recordedById: People.agent2 });
    });

    it('answers a score out of range with the usage and records nothing', async () => {
      await t.slack.runSlashCommand(People.agent, Channels.support, 'nps 11 customer:Nobody meh');
      await t.settle();
      expect(ephemeralText(t, People.agent)).toContain('NPS scores run from 0 to 10; got 11.');
      expect(await t.app.db.prisma.surveyResponse.count({ where: { customer: { name: 'Nobody' } } })).toBe(0);
    });
  });
});

describe.each(testProviders())('POST /surveys without SURVEY_WEBHOOK_TOKEN on %s', (provider) => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp(provider);
  });
  afterAll(async () => t.stop());

  it('answers 404, as if the route did not exist', async () => {
    const response = await fetch(`${t.app.url}/surveys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ kind: 'nps', score: 9, customer: 'Acme' }),
    });
    expect(response.status).toBe(404);
  });
});
