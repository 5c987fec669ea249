import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';

const MINUTE = 60_000;

/**
 * node-cron's own matcher for an expression in a time zone (a task that is created but never started), so the
 * catch-up and the scheduler agree on what "the scheduled minute" is, including node-cron's day-of-month AND
 * day-of-week rule and daylight-saving days: a local time skipped in spring never matches, one repeated in autumn
 * matches twice (the period label, a local time, makes the second a duplicate).
 */
function firstMatch(expression: string, timeZone: string, candidates: Iterable<Date>): Date | null {
  // node-cron registers every task it creates; destroying it unregisters it, so no matcher outlives its question.
  const task: ScheduledTask = cron.createTask(expression, () => {}, { timezone: timeZone });
  try {
    for (const candidate of candidates) if (task.match(candidate)) return candidate;
    return null;
  } finally {
    task.destroy();
  }
}

const floorToMinute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);

/** Every minute from `from` to `to` (inclusive), counting up or down by `step`. */
function* minutes(from: number, to: number, step: number): Generator<Date> {
  for (let at = from; step > 0 ? at <= to : at >= to; at += step) yield new Date(at);
}

/**
 * The latest scheduled minute at or before `now` that falls on the same local day as `now`, or null when there is
 * none yet today: what a restart should still send, and nothing older.
 */
export function latestOccurrenceToday(expression: string, now: Date, timeZone: string): Date | null {
  const startOfDay = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toMillis();
  return firstMatch(expression, timeZone, minutes(floorToMinute(now).getTime(), startOfDay, -MINUTE));
}

/** The next scheduled minute after `now` within `withinDays`, or null (for "next digest" hints). */
export function nextOccurrence(expression: string, now: Date, timeZone: string, withinDays = 8): Date | null {
  const end = now.getTime() + withinDays * 86_400_000;
  return firstMatch(expression, timeZone, minutes(floorToMinute(now).getTime() + MINUTE, end, MINUTE));
}

/** "2026-11-25T09:00": the local minute of a scheduled run, which names its delivery period. */
export function localMinuteLabel(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
