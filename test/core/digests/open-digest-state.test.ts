import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDigestChanges, openDigestState } from '../../../src/core/digests/open-digest-state';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { hours, minutes } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { ADVOCATE, ADVOCATE2, clearDigestData, DIGEST_DAY, seedDigestDataSet } from '../../support/digest-data-set';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const SLA = { critical: 1, high: 4, medium: 24, low: 72 };

describe.each(testProviders())('open digest figures on %s', (provider) => {
  let fixture: TDomainFixture;
  let ids: Record<string, number>;
  beforeAll(async () => {
    fixture = await createDomainFixture(provider);
  });
  afterAll(async () => fixture.close());
  beforeEach(async () => {
    await clearDigestData(fixture.db.prisma);
    ids = await seedDigestDataSet(fixture.deps, fixture.clock);
    fixture.clock.set(DIGEST_DAY);
  });

  it('counts, lists, groups and times a known data set', async () => {
    const state = await openDigestState(fixture.deps, { now: fixture.clock.now(), timeZone: 'UTC', slaHours: SLA });
    expect(state.totals).toEqual([
      { severity: 'critical', open: 1, claimed: 0 },
      { severity: 'high', open: 1, claimed: 1 },
      { severity: 'medium', open: 1, claimed: 1 },
      { severity: 'low', open: 0, claimed: 1 },
    ]);
    expect([state.openCount, state.claimedCount]).toEqual([3, 3]);
    expect(state.unclaimed.map((entry) => [entry.escalation.id, entry.overdue])).toEqual([
      [ids.oldCritical, true],
      [ids.highOpen, true],
      [ids.mediumOpen, false],
    ]);
    expect(state.unclaimed[0]?.escalation.customer?.name).toBe('Acme Corp');
    expect(state.unlistedUnclaimed).toEqual([]);
    expect(state.holdings).toEqual([
      { ownerId: ADVOCATE, count: 2, escalationIds: [ids.lowClaimed, ids.mediumClaimed] },
      { ownerId: ADVOCATE2, count: 1, escalationIds: [ids.highClaimed] },
    ]);
    expect(state.timeToClaim).toEqual({ recent: hours(1.5), recentCount: 4, previous: hours(24), previousCount: 1 });
    expect(state.timeToResolve).toEqual({ recent: hours(24), recentCount: 1, previous: hours(48), previousCount: 1 });
  });

  it('lists only the oldest unclaimed and counts the rest by severity', async () => {
    const state = await openDigestState(fixture.deps, {
      now: fixture.clock.now(),
      timeZone: 'UTC',
      slaHours: SLA,
      listLimit: 1,
    });
    expect(state.unclaimed.map((entry) => entry.escalation.id)).toEqual([ids.oldCritical]);
    expect(state.unlistedUnclaimed).toEqual([
      { severity: 'high', count: 1 },
      { severity: 'medium', count: 1 },
    ]);
  });

  it('says what changed since the previous digest, and nothing for a first one', async () => {
    const since = new Date('2026-11-24T09:00:00Z');
    fixture.clock.set('2026-11-25T08:30:00Z');
    const late = await flagEscalation(fixture.deps, {
      reporterId: 'U0AGENT001',
      sourceChannelId: 'C0SUPPORT1',
      summary: 'late arrival problem',
      severity: 'low',
      tags: [],
      via: 'command',
    });
    fixture.clock.advance(minutes(10));
    await changeEscalation(fixture.deps, { escalationId: late.id, kind: 'resolve', actorId: ADVOCATE, via: 'command' });
    const now = new Date(DIGEST_DAY);
    const changes = await openDigestChanges(fixture.deps, { since, now });
    // Flagged at or after 24 Nov 09:00: oldCritical (exactly then), highClaimed, highOpen, mediumOpen, late.
    expect(changes.flagged).toEqual({
      count: 5,
      ids: [ids.oldCritical, ids.highClaimed, ids.highOpen, ids.mediumOpen, late.id],
    });
    expect(changes.resolved).toEqual({ count: 2, ids: [ids.resolvedThisWeek, late.id] });
    expect(await openDigestChanges(fixture.deps, { since: null, now })).toMatchObject({
      since: null,
      flagged: { count: 0 },
      resolved: { count: 0 },
    });
  });
});
