import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { decideTransition, type TLifecycleState } from '../../../src/core/escalations/escalation-lifecycle';
import { showEscalation } from '../../../src/core/escalations/escalation-queries';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const state = (overrides: Partial<TLifecycleState> = {}): TLifecycleState => ({
  id: 7,
  createdAt: new Date('2026-11-25T09:00:00Z'),
  status: 'open',
  severity: 'medium',
  ownerId: null,
  claimedAt: null,
  resolvedAt: null,
  ...overrides,
});
const now = new Date('2026-11-25T10:00:00Z');

describe('lifecycle decisions', () => {
  it('refuses illegal moves with a reason', () => {
    const refusal = (s: TLifecycleState, kind: Parameters<typeof decideTransition>[1]) => {
      const outcome = decideTransition(s, kind, 'U1', now);
      return outcome.ok ? null : outcome.reason;
    };
    expect(refusal(state({ status: 'resolved' }), 'resolve')).toBe('ADV-7 is already resolved.');
    expect(refusal(state({ status: 'resolved' }), 'claim')).toMatch(/resolved; reopen it/);
    expect(refusal(state(), 'reopen')).toMatch(/is open, not resolved/);
    expect(refusal(state({ status: 'claimed', ownerId: 'U1' }), 'claim')).toBe('ADV-7 is already yours.');
    expect(refusal(state({ severity: 'critical' }), 'raise')).toMatch(/already critical.*stays critical/);
  });

  it('reassigns a claimed escalation and records both names', () => {
    const outcome = decideTransition(state({ status: 'claimed', ownerId: 'U1', claimedAt: now }), 'claim', 'U2', now);
    expect(outcome).toMatchObject({
      ok: true,
      result: { action: 'reassigned', fromValue: 'U1', toValue: 'U2', changes: { ownerId: 'U2' } },
    });
  });

  it('raises one step at a time and reopens to the owner it had', () => {
    expect(decideTransition(state({ severity: 'low' }), 'raise', 'U1', now)).toMatchObject({
      ok: true,
      result: { toValue: 'medium' },
    });
    expect(decideTransition(state({ status: 'resolved', ownerId: 'U1' }), 'reopen', 'U1', now)).toMatchObject({
      ok: true,
      result: { toValue: 'claimed' },
    });
    expect(decideTransition(state({ status: 'resolved' }), 'reopen', 'U1', now)).toMatchObject({
      ok: true,
      result: { toValue: 'open' },
    });
  });
});

describe.each(testProviders())('changing escalations on %s', (provider) => {
  let fixture: TDomainFixture;
  beforeAll(async () => {
    fixture = await createDomainFixture(provider);
  });
  afterAll(async () => fixture.close());

  const flag = () =>
    flagEscalation(fixture.deps, {
      reporterId: 'UAGENT',
      sourceChannelId: 'CSUPPORT',
      summary: 'double charged again',
      severity: 'high',
      tags: ['billing'],
      customer: 'Acme Corp',
      via: 'command',
    });

  it('writes each change with its timeline entry, card update, thread line and reporter message', async () => {
    const escalation = await flag();
    await changeEscalation(fixture.deps, {
      escalationId: escalation.id,
      kind: 'claim',
      actorId: 'UADV1',
      via: 'reaction',
    });
    fixture.clock.advance(60_000);
    await changeEscalation(fixture.deps, {
      escalationId: escalation.id,
      kind: 'resolve',
      actorId: 'UADV1',
      via: 'button',
    });
    const { escalation: stored, timeline } = await showEscalation(fixture.deps, escalation.id);
    expect(stored).toMatchObject({ status: 'resolved', ownerId: 'UADV1' });
    expect(timeline.map((entry) => [entry.action, entry.fromValue, entry.toValue, entry.via])).toEqual([
      ['flagged', null, 'open', 'command'],
      ['claimed', 'open', 'claimed', 'reaction'],
      ['resolved', 'claimed', 'resolved', 'button'],
    ]);
    const queued = (await fixture.queued()).filter((item) => item.dedupeKey.startsWith(`escalation:${escalation.id}:`));
    expect(queued.map((item) => item.kind)).toEqual([
      'card.post',
      'card.update',
      'escalation.event',
      'reporter.notice',
      'card.update',
      'escalation.event',
      'reporter.notice',
    ]);
    expect(queued[3]!.payload).toMatchObject({
      userId: 'UAGENT',
      escalationId: escalation.id,
      event: { type: 'claimed', actorId: 'UADV1', via: 'reaction' },
    });
  });

  it('refuses a second resolve and changes nothing', async () => {
    const escalation = await flag();
    await changeEscalation(fixture.deps, {
      escalationId: escalation.id,
      kind: 'resolve',
      actorId: 'UADV1',
      via: 'button',
    });
    const before = (await fixture.queued()).length;
    await expect(
      changeEscalation(fixture.deps, {
        escalationId: escalation.id,
        kind: 'resolve',
        actorId: 'UADV2',
        via: 'reaction',
      }),
    ).rejects.toMatchObject({ userMessage: `ADV-${escalation.id} is already resolved.` });
    expect((await fixture.queued()).length).toBe(before);
    expect((await showEscalation(fixture.deps, escalation.id)).timeline).toHaveLength(2);
  });

  it('applies concurrent claims one after the other, losing none', async () => {
    const escalation = await flag();
    const claims = await Promise.allSettled(
      ['UADV1', 'UADV2', 'UADV3'].map((actorId) =>
        changeEscalation(fixture.deps, { escalationId: escalation.id, kind: 'claim', actorId, via: 'reaction' }),
      ),
    );
    expect(claims.map((claim) => claim.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const { escalation: stored, timeline } = await showEscalation(fixture.deps, escalation.id);
    const changes = timeline.filter((entry) => entry.action === 'claimed' || entry.action === 'reassigned');
    expect(changes).toHaveLength(3);
    expect(changes[0]!.action).toBe('claimed');
    expect(stored.version).toBe(3);
    expect(stored.ownerId).toBe(changes[2]!.toValue);
  });
});
