import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPageState } from '../../src/sandbox/page-state';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { Channels, People, startTestSandbox, type TTestSandbox } from './sandbox-harness';

describe.each(testProviders())('the SLA clock and waiting in the sandbox on %s', (provider) => {
  let t: TTestSandbox;
  const clock = new ManualClock('2026-12-07T09:00:00Z');
  beforeAll(async () => {
    t = await startTestSandbox(provider, { clock, env: { SLA_HIGH_HOURS: '1' } });
  });
  afterAll(async () => t.stop());

  const card = async (user: string, ref: string) => {
    const { body } = await t.get<TPageState>(`/sandbox/api/state?user=${user}&tz=UTC`);
    return body.channels
      .find((c) => c.id === Channels.advocates)!
      .messages.find((m) => m.html.includes(`${ref} · `) && !m.ephemeral)!;
  };
  const act = async (action: string, body: unknown) => {
    const response = await t.post<{ ok: boolean; error?: string }>(`/sandbox/api/${action}`, body);
    await t.settle();
    return response;
  };

  it('shows the clock on the card, and waits and resumes from the Waiting… menu and the command', async () => {
    await act('command', {
      user: People.alice,
      channel: Channels.support,
      text: '!high exports time out for everyone',
    });
    const escalation = await t.sandbox.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const ref = `ADV-${escalation.id}`;
    const drawn = await card(People.bob, ref);
    expect(drawn.html).toContain('claim due Mon 10:00');
    // The Waiting… menu is a real menu on the page, wired by its action id.
    expect(drawn.html).toMatch(/<select[^>]*data-action-id="escalation_wait"/);

    await act('command', { user: People.bob, channel: Channels.advocates, text: `claim ${ref}` });
    const claimed = await t.sandbox.db.prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } });
    const chosen = await act('choose', {
      user: People.bob,
      channel: Channels.advocates,
      ts: drawn.ts,
      actionId: 'escalation_wait',
      value: JSON.stringify({ escalationId: escalation.id, version: claimed.version, on: 'engineering' }),
    });
    expect(chosen.body.ok).toBe(true);
    expect((await card(People.bob, ref)).html).toContain('waiting on engineering');

    await act('command', { user: People.bob, channel: Channels.advocates, text: `resume ${ref}` });
    const after = await card(People.bob, ref);
    expect(after.html).not.toContain('waiting on');
    expect(after.html).toContain('resolve due');
  });
});
