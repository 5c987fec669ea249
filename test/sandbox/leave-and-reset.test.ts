import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { Channels, People, startTestSandbox, type TTestSandbox } from './sandbox-harness';

type TAnswer = { ok: boolean; message?: string; error?: string; escalationIds?: number[] };
type TState = { people: { id: string; role: string }[] };

describe.each(testProviders())('the sandbox keeps its promises on %s', (provider) => {
  let t: TTestSandbox;
  const clock = new ManualClock('2026-11-25T10:00:00Z');
  beforeAll(async () => {
    t = await startTestSandbox(provider, { clock });
  });
  afterAll(async () => t.stop());

  const prisma = () => t.sandbox.db.prisma;
  const roleOf = async (user: string) =>
    (await t.get<TState>(`/sandbox/api/state?user=${user}`)).body.people.find((person) => person.id === user)?.role;

  it('flags a pasted conversation over 4,000 characters, as the app stores up to 40,000', async () => {
    const paste = `Pasted chat from Initech below\n${'they said the export fails again. '.repeat(200)}`;
    expect(paste.length).toBeGreaterThan(4000);
    const answer = await t.post<TAnswer>('/sandbox/api/command', {
      user: People.alice,
      channel: Channels.support,
      text: paste,
    });
    expect(answer.status).toBe(200);
    await t.settle();
    const stored = await prisma().escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(stored.summary).toBe(paste.trim());
    const tooLong = await t.post<TAnswer>('/sandbox/api/command', {
      user: People.alice,
      channel: Channels.support,
      text: 'x '.repeat(20_001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toContain('is over 40,000 characters, the most a summary holds');
  });

  it('loads the sample data after an agent joined #advocates, and lets them leave again', async () => {
    expect(
      (await t.post<TAnswer>('/sandbox/api/join', { user: People.alice, channel: Channels.advocates })).status,
    ).toBe(200);
    expect(await roleOf(People.alice)).toBe('bystander');
    const loaded = await t.post<TAnswer>('/sandbox/api/sample-data', {});
    await t.settle();
    expect(loaded.body.error).toBeUndefined();
    expect(loaded.status).toBe(200);

    expect(
      (await t.post<TAnswer>('/sandbox/api/leave', { user: People.alice, channel: Channels.advocates })).status,
    ).toBe(200);
    expect(await roleOf(People.alice)).toBe('agent');
  });

  it('resets everything, numbering included, so the sample data loads again', async () => {
    const reset = await t.post<TAnswer>('/sandbox/api/reset', {});
    expect(reset.status).toBe(200);
    expect(await prisma().escalation.count()).toBe(0);
    expect(await prisma().surveyResponse.count()).toBe(0);
    expect(await prisma().delivery.count()).toBe(0);
    expect(t.sandbox.standIn.messagesIn(Channels.advocates)).toEqual([]);

    const again = await t.post<TAnswer>('/sandbox/api/sample-data', {});
    await t.settle();
    expect(again.status).toBe(200);
    expect(again.body.message).toMatch(/ADV-1…ADV-9/);
  });
});
