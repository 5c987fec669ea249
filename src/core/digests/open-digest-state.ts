import { DateTime } from 'luxon';
import { SEVERITIES, type TSeverity } from '../escalations/escalation-vocabulary';
import {
  claimedHoldings,
  countUnresolvedBySeverityAndStatus,
  flaggedBetween,
  medianWait,
  oldestUnclaimed,
  resolvedBetween,
  type TDigestEscalation,
  type TWaitKind,
} from '../escalations/escalations-repository-digest';
import type { TDb } from '../shared/db/client';
import type { TDomainDeps } from '../shared/deps';

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
  /** How many this person holds. */
  count: number;
  /** The oldest few of them (only for the holders a digest can show). */
  escalationIds: number[];
}

/** Holders whose escalations a digest names; the rest are counted. */
export const HOLDERS_LISTED = 30;
export const IDS_PER_HOLDER = 12;

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

async function medianPair(db: TDb, kind: TWaitKind, splitAt: Date, from: Date, to: Date): Promise<TMedianPair> {
  const [recent, previous] = await Promise.all([
    medianWait(db, kind, splitAt, to),
    medianWait(db, kind, from, splitAt),
  ]);
  return {
    recent: recent.medianMs,
    recentCount: recent.count,
    previous: previous.medianMs,
    previousCount: previous.count,
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
  const [groups, unclaimedRows, holdings, timeToClaim, timeToResolve] = await Promise.all([
    countUnresolvedBySeverityAndStatus(db),
    oldestUnclaimed(db, options.listLimit ?? UNCLAIMED_LISTED),
    claimedHoldings(db, { holders: HOLDERS_LISTED, idsPerHolder: IDS_PER_HOLDER }),
    medianPair(db, 'claim', weekAgo, twoWeeksAgo, now),
    medianPair(db, 'resolve', weekAgo, twoWeeksAgo, now),
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

  return {
    now,
    timeZone,
    totals,
    openCount,
    claimedCount,
    unclaimed,
    unlistedUnclaimed,
    holdings,
    timeToClaim,
    timeToResolve,
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
