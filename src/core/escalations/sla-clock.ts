import { DateTime } from 'luxon';
import { formatDuration } from '../shared/time/durations';
import { AROUND_THE_CLOCK, businessTimeBetween } from './business-hours';
import { isSeverity, type TSeverity } from './escalation-vocabulary';
import { clockOf, dueAt, type TSlaPolicy, type TSlaTarget, targetHours } from './sla-policy';

export const WAITING_ON = ['customer', 'engineering'] as const;
export type TWaitingOn = (typeof WAITING_ON)[number];
export const isWaitingOn = (word: string): word is TWaitingOn => (WAITING_ON as readonly string[]).includes(word);

/** What a surface needs to show a clock: the policy and the team's time zone (DIGEST_TZ). */
export interface TSlaDisplay {
  policy: TSlaPolicy;
  timeZone: string;
}

/** The columns of an escalation its SLA clock is read from. */
export interface TSlaSubject {
  severity: string;
  status: string;
  createdAt: Date;
  customer: { tier: string | null } | null;
  waitingOn: string | null;
  waitingSince: Date | null;
  resolvePausedSeconds: number;
}

/** The clock that matters now: claim while unclaimed, resolve once claimed; none once resolved or withdrawn. */
export interface TSlaReading {
  target: TSlaTarget;
  severity: TSeverity;
  targetMs: number;
  /** Business time spent on the target so far, pauses left out. */
  elapsedMs: number;
  /** When it falls due if nothing pauses it any more; null while paused (it moves as long as the pause lasts). */
  dueAt: Date | null;
  waitingOn: TWaitingOn | null;
  waitingSince: Date | null;
  /** Spent in full: the target is missed from its due moment on. */
  breached: boolean;
  /** How long past due (business time), 0 when not breached. */
  overdueMs: number;
}

const severityOf = (severity: string): TSeverity => (isSeverity(severity) ? severity : 'medium');

/** Business time an ongoing pause has lasted so far, on the clock of this severity. */
export function ongoingPauseMs(policy: TSlaPolicy | undefined, subject: TSlaSubject, now: Date): number {
  if (!subject.waitingSince) return 0;
  const clock = policy ? clockOf(policy, severityOf(subject.severity)) : AROUND_THE_CLOCK;
  return businessTimeBetween(clock, subject.waitingSince, now);
}

/** One target's reading for an escalation at `now` (whichever stage it is at). */
export function readTarget(policy: TSlaPolicy, subject: TSlaSubject, target: TSlaTarget, now: Date): TSlaReading {
  const severity = severityOf(subject.severity);
  const tier = subject.customer?.tier ?? null;
  const waiting =
    target === 'resolve' && subject.waitingOn && isWaitingOn(subject.waitingOn) ? subject.waitingOn : null;
  const pausedMs =
    target === 'resolve'
      ? subject.resolvePausedSeconds * 1000 + (waiting ? ongoingPauseMs(policy, subject, now) : 0)
      : 0;
  const targetMs = targetHours(policy, target, severity, tier) * 3_600_000;
  const elapsedMs = Math.max(0, businessTimeBetween(clockOf(policy, severity), subject.createdAt, now) - pausedMs);
  return {
    target,
    severity,
    targetMs,
    elapsedMs,
    dueAt: waiting ? null : dueAt(policy, { target, severity, tier, startedAt: subject.createdAt, pausedMs }),
    waitingOn: waiting,
    waitingSince: waiting ? subject.waitingSince : null,
    breached: elapsedMs >= targetMs,
    overdueMs: Math.max(0, elapsedMs - targetMs),
  };
}

/** The clock that matters now, or null when none runs (resolved, withdrawn). */
export function readSlaClock(policy: TSlaPolicy, subject: TSlaSubject, now: Date): TSlaReading | null {
  if (subject.status === 'open') return readTarget(policy, subject, 'claim', now);
  if (subject.status === 'claimed') return readTarget(policy, subject, 'resolve', now);
  return null;
}

/** "Tue 14:00" in the team's time zone; with the date when it is not within the coming week. */
export function shortTime(at: Date, now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const withinWeek = Math.abs(at.getTime() - now.getTime()) < 6 * 86_400_000;
  return local.toFormat(withinWeek ? 'ccc HH:mm' : 'ccc d LLL HH:mm');
}

/**
 * The clock in words. `relative` ("due in 2h 10m") is for answers read at once; a card, updated only when the
 * escalation changes, says an absolute time ("due Tue 14:00") so that it never goes stale.
 */
export function describeSlaClock(reading: TSlaReading, now: Date, timeZone: string, relative: boolean): string {
  const { target } = reading;
  if (reading.waitingOn) {
    const since = reading.waitingSince ? ` since ${shortTime(reading.waitingSince, now, timeZone)}` : '';
    return `${target} paused: waiting on ${reading.waitingOn}${since}`;
  }
  if (reading.breached) {
    return relative
      ? `${target} breached ${formatDuration(reading.overdueMs)} ago`
      : `${target} breached (was due ${shortTime(reading.dueAt!, now, timeZone)})`;
  }
  const due = reading.dueAt!;
  return relative
    ? `${target} due in ${formatDuration(due.getTime() - now.getTime())}`
    : `${target} due ${shortTime(due, now, timeZone)}`;
}

/**
 * Business time left on the clock that matters now: negative once breached; a paused or stopped clock has all the
 * time in the world (it sorts last).
 */
export function timeLeftMs(policy: TSlaPolicy, subject: TSlaSubject, now: Date): number {
  const reading = readSlaClock(policy, subject, now);
  if (!reading || reading.waitingOn) return Number.POSITIVE_INFINITY;
  return reading.targetMs - reading.elapsedMs;
}

/** The rows ordered by time left, least first (breached ones first, the longest overdue at the top); stable. */
export function byTimeLeft<T extends TSlaSubject & { id: number }>(
  policy: TSlaPolicy,
  rows: readonly T[],
  now: Date,
): T[] {
  const left = new Map(rows.map((row) => [row.id, timeLeftMs(policy, row, now)]));
  return [...rows].sort((a, b) => {
    const [x, y] = [left.get(a.id)!, left.get(b.id)!];
    return x === y ? 0 : x < y ? -1 : 1;
  });
}
