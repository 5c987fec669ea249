import { DateTime } from 'luxon';

/**
 * Calendar arithmetic in the digest time zone. Luxon does the daylight-saving work: a "day" or "week" here is the
 * local one, which is 23 or 25 hours long on change days.
 */
export interface TPeriod {
  start: Date;
  end: Date;
  /** e.g. "2026-W48" or "2026-11-25". */
  label: string;
}

export function isoWeekOf(at: Date, timeZone: string): TPeriod {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).startOf('week');
  return { start: local.toJSDate(), end: local.plus({ weeks: 1 }).toJSDate(), label: local.toFormat("kkkk-'W'WW") };
}

export function previousIsoWeek(at: Date, timeZone: string): TPeriod {
  const thisWeek = DateTime.fromJSDate(at, { zone: timeZone }).startOf('week');
  return isoWeekOf(thisWeek.minus({ weeks: 1 }).toJSDate(), timeZone);
}

/** The `count` ISO weeks ending with the one containing `at`, oldest first. */
export function isoWeeksEndingAt(at: Date, timeZone: string, count: number): TPeriod[] {
  const last = DateTime.fromJSDate(at, { zone: timeZone }).startOf('week');
  return Array.from({ length: count }, (_, index) =>
    isoWeekOf(last.minus({ weeks: count - 1 - index }).toJSDate(), timeZone),
  );
}

export function localDayOf(at: Date, timeZone: string): TPeriod {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  return { start: local.toJSDate(), end: local.plus({ days: 1 }).toJSDate(), label: local.toISODate()! };
}

export function monthOf(at: Date, timeZone: string): TPeriod {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).startOf('month');
  return { start: local.toJSDate(), end: local.plus({ months: 1 }).toJSDate(), label: local.toFormat('yyyy-LL') };
}

export function quarterOf(at: Date, timeZone: string): TPeriod {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).startOf('quarter');
  return {
    start: local.toJSDate(),
    end: local.plus({ quarters: 1 }).toJSDate(),
    label: `${local.year}-Q${local.quarter}`,
  };
}
