import { describe, expect, it } from 'vitest';
import { describeCron } from '../../../src/slack/digests/cron-words';

describe('schedules in words', () => {
  it('says the forms Advocate uses as a person would, and shows anything else as the expression', () => {
    expect(describeCron('0 9 * * 1-5', 'UTC')).toBe('weekdays at 09:00 UTC');
    expect(describeCron('0 9 * * 1', 'UTC')).toBe('Mondays at 09:00 UTC');
    expect(describeCron('30 7 * * *', 'Europe/Berlin')).toBe('every day at 07:30 (Europe/Berlin)');
    expect(describeCron('0 17 * * 5', 'America/New_York')).toBe('Fridays at 17:00 (America/New_York)');
    expect(describeCron('0 9 * * 2-4', 'UTC')).toBe('Tuesday to Thursday at 09:00 UTC');
    expect(describeCron('0 9 * * 1,4', 'UTC')).toBe('Mondays and Thursdays at 09:00 UTC');
    expect(describeCron('0 9 * * 0', 'UTC')).toBe('Sundays at 09:00 UTC');
    expect(describeCron('0 9 * * 6-7', 'UTC')).toBe('weekends at 09:00 UTC');
    expect(describeCron('*/15 9-17 * * 1-5', 'UTC')).toBe('`*/15 9-17 * * 1-5` (cron, UTC)');
    expect(describeCron('0 9 1 * *', 'UTC')).toBe('`0 9 1 * *` (cron, UTC)');
  });
});
