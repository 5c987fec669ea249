import { DateTime } from 'luxon';

function pretty(at: DateTime, now: DateTime, otherwise: string): string {
  const days = Math.round(at.startOf('day').diff(now.startOf('day'), 'days').days);
  if (days === 0) return 'Today';
  if (days === -1) return 'Yesterday';
  if (days === 1) return 'Tomorrow';
  return otherwise;
}

function ago(at: DateTime, now: DateTime): string {
  const seconds = Math.round(now.diff(at, 'seconds').seconds);
  if (seconds < 60) return 'just now';
  return at.toRelative({ base: now }) ?? '';
}

/**
 * Slack's `<!date^unix^format|fallback>` tokens: {date_num}, {date}, {date_short}, {date_long}, their `_pretty`
 * forms, {time}, {time_secs} and {ago}, in the reader's zone.
 */
export function formatSlackDate(unixSeconds: number, format: string, timeZone: string, now: Date): string {
  const at = DateTime.fromSeconds(unixSeconds, { zone: timeZone });
  const today = DateTime.fromJSDate(now, { zone: timeZone });
  if (!at.isValid) return '';
  const date = at.toFormat('MMMM d, yyyy');
  const short = at.toFormat('MMM d, yyyy');
  const long = at.toFormat('cccc, MMMM d, yyyy');
  const tokens: Record<string, string> = {
    date_num: at.toFormat('yyyy-MM-dd'),
    date,
    date_short: short,
    date_long: long,
    date_pretty: pretty(at, today, date),
    date_short_pretty: pretty(at, today, short),
    date_long_pretty: pretty(at, today, long),
    time: at.toFormat('HH:mm'),
    time_secs: at.toFormat('HH:mm:ss'),
    ago: ago(at, today),
  };
  return format.replace(/\{(\w+)\}/g, (whole, name: string) => tokens[name] ?? whole);
}

/** A message's time of day for its header, with the full date for the tooltip. */
export function messageTime(ts: string, timeZone: string): { short: string; full: string } {
  const at = DateTime.fromSeconds(Number(ts), { zone: timeZone });
  return { short: at.toFormat('HH:mm'), full: at.toFormat('cccc, MMMM d, yyyy HH:mm:ss ZZZZ') };
}
