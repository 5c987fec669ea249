import { changeEscalation } from '../../src/core/escalations/change-escalation';
import type { TSeverity } from '../../src/core/escalations/escalation-vocabulary';
import { flagEscalation } from '../../src/core/escalations/flag-escalation';
import type { TDb } from '../../src/core/shared/db/client';
import type { TDomainDeps } from '../../src/core/shared/deps';
import type { ManualClock } from './clock';

export const DIGEST_DAY = '2026-11-25T09:00:00Z';
export const ADVOCATE = 'U0ADVOC001';
export const ADVOCATE2 = 'U0ADVOC002';
const AGENT = 'U0AGENT001';

interface TPlanned {
  name: string;
  severity: TSeverity;
  flaggedAt: string;
  customer?: string;
  claim?: { by: string; at: string };
  resolveAt?: string;
}

/**
 * A known set of escalations at 09:00 UTC on Wednesday 25 November 2026:
 * - open, oldest first: critical (24 h), high (4 h, exactly its limit), medium (1 h);
 * - claimed: low by ADVOCATE (claim took 2 h), high by ADVOCATE2 (30 m), medium by ADVOCATE (4 h);
 * - resolved: a critical claimed in 1 h and resolved in 1 d (this week), a medium claimed in 1 d and resolved in 2 d
 *   (the week before).
 * So: claim median 1h 30m (4) vs 1d (1); resolve median 1d (1) vs 2d (1).
 */
export const PLAN: TPlanned[] = [
  { name: 'oldCritical', severity: 'critical', flaggedAt: '2026-11-24T09:00:00Z', customer: 'Acme Corp' },
  {
    name: 'lowClaimed',
    severity: 'low',
    flaggedAt: '2026-11-20T09:00:00Z',
    claim: { by: ADVOCATE, at: '2026-11-20T11:00:00Z' },
  },
  {
    name: 'resolvedLastWeek',
    severity: 'medium',
    flaggedAt: '2026-11-12T09:00:00Z',
    claim: { by: ADVOCATE, at: '2026-11-13T09:00:00Z' },
    resolveAt: '2026-11-14T09:00:00Z',
  },
  {
    name: 'resolvedThisWeek',
    severity: 'critical',
    flaggedAt: '2026-11-23T09:00:00Z',
    claim: { by: ADVOCATE, at: '2026-11-23T10:00:00Z' },
    resolveAt: '2026-11-24T09:00:00Z',
  },
  {
    name: 'mediumClaimed',
    severity: 'medium',
    flaggedAt: '2026-11-22T09:00:00Z',
    claim: { by: ADVOCATE, at: '2026-11-22T13:00:00Z' },
  },
  {
    name: 'highClaimed',
    severity: 'high',
    flaggedAt: '2026-11-24T10:00:00Z',
    claim: { by: ADVOCATE2, at: '2026-11-24T10:30:00Z' },
  },
  { name: 'highOpen', severity: 'high', flaggedAt: '2026-11-25T05:00:00Z', customer: 'Globex' },
  { name: 'mediumOpen', severity: 'medium', flaggedAt: '2026-11-25T08:00:00Z' },
];

/** Flags, claims and resolves through the domain, in time order, with the clock moved to each moment. */
export async function seedDigestDataSet(deps: TDomainDeps, clock: ManualClock): Promise<Record<string, number>> {
  const events: { at: string; run: (ids: Record<string, number>) => Promise<void> }[] = [];
  for (const planned of PLAN) {
    events.push({
      at: planned.flaggedAt,
      run: async (ids) => {
        const escalation = await flagEscalation(deps, {
          reporterId: AGENT,
          sourceChannelId: 'C0SUPPORT1',
          summary: `${planned.name} customer problem`,
          severity: planned.severity,
          tags: [],
          customer: planned.customer,
          via: 'command',
        });
        ids[planned.name] = escalation.id;
      },
    });
    if (planned.claim) {
      const { by, at } = planned.claim;
      events.push({
        at,
        run: async (ids) => {
          await changeEscalation(deps, {
            escalationId: ids[planned.name]!,
            kind: 'claim',
            actorId: by,
            via: 'command',
          });
        },
      });
    }
    if (planned.resolveAt) {
      events.push({
        at: planned.resolveAt,
        run: async (ids) => {
          await changeEscalation(deps, {
            escalationId: ids[planned.name]!,
            kind: 'resolve',
            actorId: planned.claim?.by ?? ADVOCATE,
            via: 'command',
          });
        },
      });
    }
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  const ids: Record<string, number> = {};
  for (const event of events) {
    clock.set(event.at);
    await event.run(ids);
  }
  return ids;
}

/** Empties what the digests read, between tests that share one database. */
export async function clearDigestData(db: TDb) {
  await db.timelineEntry.deleteMany();
  await db.escalationTag.deleteMany();
  await db.surveyResponse.deleteMany();
  await db.escalation.deleteMany();
  await db.outboxMessage.deleteMany();
  await db.delivery.deleteMany();
  await db.subscription.deleteMany();
  await db.jobLease.deleteMany();
}
