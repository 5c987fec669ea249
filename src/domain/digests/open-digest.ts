import { DateTime } from 'luxon';
import {
  claimedHoldings,
  claimedOrResolvedSince,
  countUnresolvedBySeverityAndStatus,
  flaggedBetween,
  oldestUnclaimed,
  resolvedBetween,
  type TDigestEscalation,
} from '../../db/repositories/escalation-digest';
import type { TDomainDeps } from '../deps';
import { SEVERITIES, type TSeverity } from '../escalations/vocabulary';
import { median } from '../time/durations';

/** The oldest unclaimed escalations are listed one by one; the rest are counted by severity. */
export const UNCLAIMED_LISTED = 40;
/** Refs named in "what changed" lines; the rest are counted. */
export const CHANGES_LISTED = 25;

export type TSlaHours = Record<TSeverity, number>;

export interface TSeverityTotals {
  severity: TSeverity;
  open: number;
  claimed: number;
}

export interface TUnclaimedEntry {
  escalation: TDigestEscalation;
  /** Past its severity's SLA limit. */
  overdue: boolean;
}

export interface THolding {
  ownerId: string;
  escalationIds: number[];
}

export interface TMedianPair {
  /** Milliseconds, or null when nothing happened in the window. */
  recent: number | null;
  recentCount: number;
  previous: number | null;
  previousCount: number;
}

/** Everything in the open digest that is the same for every channel of one run. */
export interface TOpenDigestState {
  now: Date;
  timeZone: string;
  totals: TSeverityTotals[];
  openCount: number;
  claimedCount: number;
  unclaimed: TUnclaimedEntry[];
  /** Unclaimed escalations not listed, by severity (only those with some). */
  unlistedUnclaimed: { severity: TSeverity; count: number }[];
  holdings: THolding[];
  timeToClaim: TMedianPair;
  timeToResolve: TMedianPair;
}

/** What changed since the channel's previous digest; `since` is null for a channel's first one. */
export interface TOpenDigestChanges {
  since: Date | null;
  flagged: { count: number; ids: number[] };
  resolved: { count: number; ids: number[] };
}

function medianPair(durations: { at: Date; ms: number }[], splitAt: Date, from: Date, to: Date): TMedianPair {
  const recent = durations.filter((entry) => entry.at >= splitAt && entry.at < to).map((entry) => entry.ms);
  const previous = durations.filter((entry) => entry.at >= from && entry.at < splitAt).map((entry) => entry.ms);
  return {
    recent: median(recent),
    recentCount: recent.length,
    previous: median(previous),
    previousCount: previous.length,
  };
}

/**
 * Totals, the oldest unclaimed, who holds what, and median times to claim and resolve over the last 7 local days
 * (in the digest time zone, so a week spanning a daylight-saving change is still 7 calendar days) versus the 7
 * before.
 */
export async function openDigestState(
  deps: Pick<TDomainDeps, 'db'>,
  options: { now: Date; timeZone: string; slaHours: TSlaHours; listLimit?: number },
): Promise<TOpenDigestState> {
  const { now, timeZone, slaHours } = options;
  const db = deps.db.prisma;
  const weekAgo = DateTime.fromJSDate(now, { zone: timeZone }).minus({ days: 7 }).toJSDate();
  const twoWeeksAgo = DateTime.fromJSDate(now, { zone: timeZone }).minus({ days: 14 }).toJSDate();
  const [groups, unclaimedRows, holdingsRows, recentRows] = await Promise.all([
    countUnresolvedBySeverityAndStatus(db),
    oldestUnclaimed(db, options.listLimit ?? UNCLAIMED_LISTED),
    claimedHoldings(db),
    claimedOrResolvedSince(db, twoWeeksAgo),
  ]);

  const totals: TSeverityTotals[] = [...SEVERITIES].reverse().map((severity) => ({
    severity,
    open: groups.find((group) => group.severity === severity && group.status === 'open')?.count ?? 0,
    claimed: groups.find((group) => group.severity === severity && group.status === 'claimed')?.count ?? 0,
  }));
  const openCount = totals.reduce((sum, total) => sum + total.open, 0);
  const claimedCount = totals.reduce((sum, total) => sum + total.claimed, 0);

  const unclaimed = unclaimedRows.map((escalation) => {
    const limitMs = (slaHours[escalation.severity as TSeverity] ?? slaHours.medium) * 3_600_000;
    return { escalation, overdue: now.getTime() - escalation.createdAt.getTime() >= limitMs };
  });
  const listedBySeverity = new Map<string, number>();
  for (const { escalation } of unclaimed)
    listedBySeverity.set(escalation.severity, (listedBySeverity.get(escalation.severity) ?? 0) + 1);
  const unlistedUnclaimed = totals
    .map((total) => ({ severity: total.severity, count: total.open - (listedBySeverity.get(total.severity) ?? 0) }))
    .filter((entry) => entry.count > 0);

  const byOwner = new Map<string, number[]>();
  for (const row of holdingsRows) {
    if (!row.ownerId) continue;
    byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row.id]);
  }
  const holdings = [...byOwner.entries()]
    .map(([ownerId, escalationIds]) => ({ ownerId, escalationIds }))
    .sort((a, b) => b.escalationIds.length - a.escalationIds.length || a.ownerId.localeCompare(b.ownerId));

  const claims = recentRows
    .filter((row) => row.claimedAt)
    .map((row) => ({ at: row.claimedAt!, ms: row.claimedAt!.getTime() - row.createdAt.getTime() }));
  const resolutions = recentRows
    .filter((row) => row.status === 'resolved' && row.resolvedAt)
    .map((row) => ({ at: row.resolvedAt!, ms: row.resolvedAt!.getTime() - row.createdAt.getTime() }));

  return {
    now,
    timeZone,
    totals,
    openCount,
    claimedCount,
    unclaimed,
    unlistedUnclaimed,
    holdings,
    timeToClaim: medianPair(claims, weekAgo, twoWeeksAgo, now),
    timeToResolve: medianPair(resolutions, weekAgo, twoWeeksAgo, now),
  };
}

/** New and resolved escalations between the channel's previous digest and now. */
export async function openDigestChanges(
  deps: Pick<TDomainDeps, 'db'>,
  options: { since: Date | null; now: Date; listLimit?: number },
): Promise<TOpenDigestChanges> {
  const empty = { count: 0, ids: [] };
  if (!options.since) return { since: null, flagged: empty, resolved: empty };
  const db = deps.db.prisma;
  const limit = options.listLimit ?? CHANGES_LISTED;
  const [flagged, resolved] = await Promise.all([
    flaggedBetween(db, options.since, options.now, limit),
    resolvedBetween(db, options.since, options.now, limit),
  ]);
  return { since: options.since, flagged, resolved };
}
