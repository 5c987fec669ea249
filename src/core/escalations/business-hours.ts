import { DateTime } from 'luxon';

/**
 * The hours an SLA clock runs: weekly opening hours in one time zone, minus holidays. Computed on local wall-clock
 * times with Luxon, so a 09:00–17:00 day is eight hours on the days clocks change too, and a deadline never lands in
 * a skipped or repeated hour by accident.
 */
export interface TBusinessHours {
  /** `always`: the clock runs around the clock (holidays too). */
  always: boolean;
  /** Per ISO weekday (1 = Monday … 7 = Sunday), the open intervals in minutes after local midnight, sorted. */
  week: ReadonlyMap<number, readonly { from: number; to: number }[]>;
  /** Local dates (`YYYY-MM-DD`) on which nothing is open. */
  holidays: ReadonlySet<string>;
  timeZone: string;
}

export class BusinessHoursError extends Error {}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Far enough to cross any run of holidays and weekends; a calendar that never opens is refused when parsed. */
const MAX_DAYS_SCANNED = 800;

function dayNumber(word: string, part: string): number {
  const index = DAYS.indexOf(word.slice(0, 3).toLowerCase());
  if (index < 0 || word.length < 3) throw new BusinessHoursError(`"${part}": "${word}" is not a day (Mon … Sun)`);
  return index + 1;
}

function minutesOf(clock: string, part: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes > 0))
    throw new BusinessHoursError(`"${part}": "${clock}" is not a time (HH:MM, 00:00 to 24:00)`);
  return hours * 60 + minutes;
}

/**
 * Reads `always`, or comma-separated parts such as `Mon-Fri 09:00-17:00, Sat 10:00-14:00`; `holidays` are
 * `YYYY-MM-DD` dates. A bad part is named in the error, one line, for the start-up message.
 */
export function parseBusinessHours(text: string, holidays: string, timeZone: string): TBusinessHours {
  const holidaySet = new Set<string>();
  for (const raw of holidays.split(',').map((part) => part.trim())) {
    if (!raw) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || !DateTime.fromISO(raw, { zone: timeZone }).isValid)
      throw new BusinessHoursError(`holiday "${raw}" is not a date (YYYY-MM-DD)`);
    holidaySet.add(raw);
  }
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'always')
    return { always: true, week: new Map(), holidays: holidaySet, timeZone };
  const week = new Map<number, { from: number; to: number }[]>();
  for (const part of trimmed.split(',').map((piece) => piece.trim())) {
    const match = /^([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!match) throw new BusinessHoursError(`"${part}" is not like "Mon-Fri 09:00-17:00"`);
    const first = dayNumber(match[1]!, part);
    const last = match[2] ? dayNumber(match[2], part) : first;
    const from = minutesOf(match[3]!, part);
    const to = minutesOf(match[4]!, part);
    if (to <= from) throw new BusinessHoursError(`"${part}": the day must end after it starts`);
    if (last < first)
      throw new BusinessHoursError(`"${part}": days run Monday to Sunday (write "Sat-Sun", not "Sun-Sat")`);
    for (let day = first; day <= last; day++) {
      const intervals = [...(week.get(day) ?? []), { from, to }].sort((a, b) => a.from - b.from);
      for (let index = 1; index < intervals.length; index++)
        if (intervals[index]!.from < intervals[index - 1]!.to)
          throw new BusinessHoursError(`"${part}" overlaps other hours on ${DAYS[day - 1]}`);
      week.set(day, intervals);
    }
  }
  return { always: false, week, holidays: holidaySet, timeZone };
}

export const AROUND_THE_CLOCK: TBusinessHours = {
  always: true,
  week: new Map(),
  holidays: new Set(),
  timeZone: 'UTC',
};

/** The open intervals of one local day, as instants. */
function openIntervals(calendar: TBusinessHours, day: DateTime): { start: number; end: number }[] {
  if (calendar.holidays.has(day.toISODate()!)) return [];
  // Wall-clock times, not minutes after midnight: 09:00 is 09:00 on the days the clocks change too.
  const at = (minutes: number) =>
    minutes === 24 * 60
      ? day.plus({ days: 1 }).startOf('day').toMillis()
      : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
  return (calendar.week.get(day.weekday) ?? []).map(({ from, to }) => ({ start: at(from), end: at(to) }));
}

/** Each open interval from the local day of `from` on, clipped to start at `from`. */
function* openFrom(calendar: TBusinessHours, from: number): Generator<{ start: number; end: number }> {
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day = day.plus({ days: 1 })) {
    for (const interval of openIntervals(calendar, day)) {
      if (interval.end <= from) continue;
      yield { start: Math.max(interval.start, from), end: interval.end };
    }
  }
}

/** When `durationMs` of business time will have passed after `start`. */
export function addBusinessTime(calendar: TBusinessHours, start: Date, durationMs: number): Date {
  if (calendar.always) return new Date(start.getTime() + durationMs);
  let left = durationMs;
  for (const interval of openFrom(calendar, start.getTime())) {
    const length = interval.end - interval.start;
    if (left <= length) return new Date(interval.start + left);
    left -= length;
  }
  // No open hour within the scan (a calendar of holidays only): the deadline is as if the clock ran always.
  return new Date(start.getTime() + durationMs);
}

/** Business time between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(calendar: TBusinessHours, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (calendar.always) return to.getTime() - from.getTime();
  let total = 0;
  for (const interval of openFrom(calendar, from.getTime())) {
    if (interval.start >= to.getTime()) break;
    total += Math.min(interval.end, to.getTime()) - interval.start;
  }
  return total;
}
