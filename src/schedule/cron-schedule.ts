import { DateTime } from 'luxon';
import cron, { type ScheduledTask } from 'node-cron';

const MINUTE = 60_000;

/**
 * node-cron's own matcher for an expression in a time zone (a task that is created but never started), so the
 * catch-up and the scheduler agree on what "the scheduled minute" is, including node-cron's day-of-month AND
 * day-of-week rule and daylight-saving days: a local time skipped in spring never matches, one repeated in autumn
 * matches twice (the period label, a local time, makes the second a duplicate).
 */
const matchers = new Map<string, ScheduledTask>();
function matcher(expression: string, timeZone: string): ScheduledTask {
  const key = `${timeZone} ${expression}`;
  let task = matchers.get(key);
  if (!task) {
    task = cron.createTask(expression, () => {}, { timezone: timeZone, name: `matcher ${key}` });
    matchers.set(key, task);
  }
  return task;
}

const floorToMinute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);

/**
 * The latest scheduled minute at or before `now` that falls on the same local day as `now`, or null when there is
 * none yet today: what a restart should still send, and nothing older.
 */
export function latestOccurrenceToday(expression: string, now: Date, timeZone: string): Date | null {
  const task = matcher(expression, timeZone);
  const startOfDay = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toMillis();
  for (let at = floorToMinute(now).getTime(); at >= startOfDay; at -= MINUTE) {
    const candidate = new Date(at);
    if (task.match(candidate)) return candidate;
  }
  return null;
}

/** The next scheduled minute after `now` within `withinDays`, or null (for "next digest" hints). */
export function nextOccurrence(expression: string, now: Date, timeZone: string, withinDays = 8): Date | null {
  const task = matcher(expression, timeZone);
  const end = now.getTime() + withinDays * 86_400_000;
  for (let at = floorToMinute(now).getTime() + MINUTE; at <= end; at += MINUTE) {
    const candidate = new Date(at);
    if (task.match(candidate)) return candidate;
  }
  return null;
}

/** "2026-11-25T09:00": the local minute of a scheduled run, which names its delivery period. */
export function localMinuteLabel(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
