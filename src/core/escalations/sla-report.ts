import type { TDb } from '../shared/db/client';
import { isSeverity, SEVERITIES, type TSeverity } from './escalation-vocabulary';
import { flaggedForSlaReport } from './escalations-repository-sla';
import { readTarget } from './sla-clock';
import type { TSlaPolicy, TSlaTarget } from './sla-policy';

/** Met and settled counts: a target is settled once met (in time) or breached; one still running is left out. */
export interface TMetCount {
  met: number;
  settled: number;
}

export interface TSlaWeek {
  /** Escalations flagged in the week (withdrawn ones left out). */
  flagged: number;
  overall: Record<TSlaTarget, TMetCount>;
  bySeverity: { severity: TSeverity; claim: TMetCount; resolve: TMetCount }[];
  /** Per account tier, `null` for escalations without a tiered account; only tiers that had escalations. */
  byTier: { tier: string | null; claim: TMetCount; resolve: TMetCount }[];
  /** Business time from flag to claim and to resolution (pauses left out), of those claimed/resolved. */
  timeTo: Record<TSlaTarget, { medianMs: number | null; p90Ms: number | null }>;
  /** The breaches, by escalation and target, oldest flag first. */
  breaches: { id: number; target: TSlaTarget }[];
}

/** More than a week of escalations is unusual; the report reads at most this many. */
const MAX_ROWS = 5000;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : null;

const count = (): TMetCount => ({ met: 0, settled: 0 });

/**
 * The week's SLA figures for the escalations flagged in `[start, end)`, as they stand at `now`: whether each met its
 * claim and resolve targets (business hours, tier overrides and pauses as the clock counts them), how long they took.
 */
export async function slaWeek(db: TDb, policy: TSlaPolicy, period: { start: Date; end: Date }, now: Date) {
  const rows = await flaggedForSlaReport(db, period, MAX_ROWS);
  const week: TSlaWeek = {
    flagged: rows.length,
    overall: { claim: count(), resolve: count() },
    bySeverity: [],
    byTier: [],
    timeTo: { claim: { medianMs: null, p90Ms: null }, resolve: { medianMs: null, p90Ms: null } },
    breaches: [],
  };
  const severities = new Map<TSeverity, { claim: TMetCount; resolve: TMetCount }>();
  const tiers = new Map<string | null, { claim: TMetCount; resolve: TMetCount }>();
  const took: Record<TSlaTarget, number[]> = { claim: [], resolve: [] };
  for (const row of rows) {
    const severity: TSeverity = isSeverity(row.severity) ? row.severity : 'medium';
    const tier = row.customer?.tier ?? null;
    const bySeverity = severities.get(severity) ?? { claim: count(), resolve: count() };
    const byTier = tiers.get(tier) ?? { claim: count(), resolve: count() };
    severities.set(severity, bySeverity);
    tiers.set(tier, byTier);
    for (const target of ['claim', 'resolve'] as const) {
      const doneAt = target === 'claim' ? row.claimedAt : row.status === 'resolved' ? row.resolvedAt : null;
      // The clock as it stood when the target was met, or as it stands now.
      const reading = readTarget(
        policy,
        { ...row, status: target === 'claim' ? 'open' : 'claimed' },
        target,
        doneAt ?? now,
      );
      const breached = reading.breached || (target === 'claim' ? row.claimBreachedAt : row.resolveBreachedAt) !== null;
      if (doneAt) took[target].push(reading.elapsedMs);
      if (!doneAt && !breached) continue;
      for (const tally of [week.overall[target], bySeverity[target], byTier[target]]) {
        tally.settled++;
        if (!breached) tally.met++;
      }
      if (breached) week.breaches.push({ id: row.id, target });
    }
  }
  week.bySeverity = [...SEVERITIES]
    .reverse()
    .filter((severity) => severities.has(severity))
    .map((severity) => ({ severity, ...severities.get(severity)! }));
  week.byTier = [...tiers.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([tier, counts]) => ({ tier, ...counts }));
  for (const target of ['claim', 'resolve'] as const) {
    const sorted = took[target].sort((a, b) => a - b);
    week.timeTo[target] = { medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
  }
  return week;
}
