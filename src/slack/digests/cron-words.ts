/**
 * A digest schedule as a person reads it: `0 9 * * 1-5` → "weekdays at 09:00 UTC". Covers the forms Advocate's
 * schedules use (a minute and hour, every day or on days of the week as one day, a range or a list); anything else
 * is shown as the expression itself, marked as a cron schedule.
 */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const dayName = (day: number) => DAYS[day % 7]!;
const plural = (day: number) => `${dayName(day)}s`;

function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function daysInWords(field: string): string | null {
  if (field === '*') return 'every day';
  let match = /^([0-7])-([0-7])$/.exec(field);
  if (match) {
    const [from, to] = [Number(match[1]), Number(match[2])];
    if (from === 1 && to === 5) return 'weekdays';
    if ((from === 0 && to >= 6) || (from === 1 && to === 7)) return 'every day';
    if (from === 6 && (to === 7 || to === 0)) return 'weekends';
    if (from >= to) return null;
    return `${dayName(from)} to ${dayName(to)}`;
  }
  match = /^[0-7](,[0-7])*$/.exec(field);
  if (match) {
    const days = [...new Set(field.split(',').map((day) => Number(day) % 7))].sort((a, b) => a - b);
    return listWords(days.map(plural));
  }
  return null;
}

export function describeCron(expression: string, timeZone: string): string {
  const fields = expression.trim().split(/\s+/);
  const fallback = `\`${expression}\` (cron, ${timeZone})`;
  if (fields.length !== 5) return fallback;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || dayOfMonth !== '*' || month !== '*') return fallback;
  if (Number(minute) > 59 || Number(hour) > 23) return fallback;
  const days = daysInWords(dayOfWeek);
  if (!days) return fallback;
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  const zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : `(${timeZone})`;
  return `${days} at ${time} ${zone}`;
}
