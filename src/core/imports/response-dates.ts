import { DateTime } from 'luxon';

/**
 * How an export writes its dates. `iso` also reads what survey tools write beside ISO 8601 (`2026-11-20 14:03:05
 * -0800`, Salesforce's `2026-11-20T14:03:00.000+0000`); `us` and `eu` read slashed dates month first or day first,
 * which no file says itself: `11/03/2026` is both.
 */
export const DATE_FORMATS = ['iso', 'us', 'eu'] as const;
export type TDateFormat = (typeof DATE_FORMATS)[number];

const TIMES = ['', ' H:mm', ' H:mm:ss', ' h:mm a', ' h:mm:ss a', ' h:mma'];
const SLASHED: Record<Exclude<TDateFormat, 'iso'>, string[]> = {
  us: ['M/d/yyyy', 'M/d/yy', 'M-d-yyyy'].flatMap((date) => TIMES.map((time) => date + time)),
  eu: ['d/M/yyyy', 'd/M/yy', 'd.M.yyyy', 'd-M-yyyy'].flatMap((date) => TIMES.map((time) => date + time)),
};

const valid = (parsed: DateTime) => (parsed.isValid ? parsed.toJSDate() : null);

/**
 * A date with an offset is taken as is; one without (`2026-11-20 14:03`, `11/20/2026 2:03 PM`) or a bare date is
 * read in `timeZone`. Null: not a date in this format.
 */
export function parseResponseDate(text: string, timeZone: string, format: TDateFormat = 'iso'): Date | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const zone = { zone: timeZone, setZone: false };
  const iso =
    valid(DateTime.fromISO(trimmed, zone)) ??
    valid(DateTime.fromSQL(trimmed, zone)) ??
    valid(DateTime.fromFormat(trimmed, 'yyyy-MM-dd HH:mm:ss ZZZ', zone));
  if (iso || format === 'iso') return iso;
  for (const pattern of SLASHED[format]) {
    const parsed = valid(DateTime.fromFormat(trimmed.toUpperCase(), pattern, { ...zone, locale: 'en-US' }));
    if (parsed) return parsed;
  }
  return null;
}

/** `11/20/2026` and `20.11.2026` are dates whose order only the person importing knows. */
export const looksSlashed = (text: string) => /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(text.trim());
