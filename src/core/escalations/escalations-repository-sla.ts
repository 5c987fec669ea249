import type { TDb } from '../shared/db/client';
import type { TSlaTarget } from './sla-policy';

/** What the SLA tick reads of an escalation whose clock runs and still owes a warning or a breach. */
export interface TSlaCandidate {
  id: number;
  summary: string;
  severity: string;
  status: string;
  ownerId: string | null;
  createdAt: Date;
  waitingOn: string | null;
  waitingSince: Date | null;
  resolvePausedSeconds: number;
  claimWarnedAt: Date | null;
  claimBreachedAt: Date | null;
  resolveWarnedAt: Date | null;
  resolveBreachedAt: Date | null;
  customer: { name: string; tier: string | null } | null;
}

/**
 * Unclaimed escalations without a claim breach, and claimed ones not waiting without a resolve breach: every one
 * that may still owe a notice. Oldest first; `limit` bounds one tick (the next picks up the rest).
 */
export function slaCandidates(db: TDb, limit = 500): Promise<TSlaCandidate[]> {
  return db.escalation.findMany({
    where: {
      OR: [
        { status: 'open', claimBreachedAt: null },
        { status: 'claimed', waitingOn: null, resolveBreachedAt: null },
      ],
    },
    select: {
      id: true,
      summary: true,
      severity: true,
      status: true,
      ownerId: true,
      createdAt: true,
      waitingOn: true,
      waitingSince: true,
      resolvePausedSeconds: true,
      claimWarnedAt: true,
      claimBreachedAt: true,
      resolveWarnedAt: true,
      resolveBreachedAt: true,
      customer: { select: { name: true, tier: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

const MARKERS = {
  claim: { warning: 'claimWarnedAt', breach: 'claimBreachedAt', status: 'open' },
  resolve: { warning: 'resolveWarnedAt', breach: 'resolveBreachedAt', status: 'claimed' },
} as const;

/**
 * Records that a target's warning or breach was sent, if nobody recorded it first and the target still runs; a
 * breach records the warning too (one that comes due with its breach is not sent apart). False: another replica's
 * tick, or a claim, got there first, so nothing is sent.
 */
export async function recordSlaNotice(
  db: TDb,
  id: number,
  target: TSlaTarget,
  stage: 'warning' | 'breach',
  now: Date,
): Promise<boolean> {
  const marker = MARKERS[target];
  const { count } = await db.escalation.updateMany({
    where: { id, status: marker.status, [marker[stage]]: null },
    data: stage === 'breach' ? { [marker.breach]: now, [marker.warning]: now } : { [marker.warning]: now },
  });
  return count === 1;
}

/** Escalations flagged in `[start, end)`, withdrawn ones left out, with what the weekly SLA figures read; oldest first. */
export function flaggedForSlaReport(db: TDb, period: { start: Date; end: Date }, limit: number) {
  return db.escalation.findMany({
    where: { createdAt: { gte: period.start, lt: period.end }, status: { not: 'withdrawn' } },
    select: {
      id: true,
      severity: true,
      status: true,
      createdAt: true,
      claimedAt: true,
      resolvedAt: true,
      waitingOn: true,
      waitingSince: true,
      resolvePausedSeconds: true,
      claimBreachedAt: true,
      resolveBreachedAt: true,
      customer: { select: { tier: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}
