import { describe, expect, it } from 'vitest';
import { latestOccurrenceToday, localMinuteLabel, nextOccurrence } from '../../../src/slack/digests/cron-times';

const NY = 'America/New_York';

describe('cron schedule in the digest time zone', () => {
  it('finds the latest scheduled minute of the same local day, and nothing from the day before', () => {
    // Wed 25 Nov 2026, 09:00 in New York is 14:00 UTC (EST, -5).
    expect(latestOccurrenceToday('0 9 * * 1-5', new Date('2026-11-25T14:00:00Z'), NY)?.toISOString()).toBe(
      '2026-11-25T14:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * 1-5', new Date('2026-11-25T22:30:45Z'), NY)?.toISOString()).toBe(
      '2026-11-25T14:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * 1-5', new Date('2026-11-25T13:59:59Z'), NY)).toBeNull();
    // 23:30 on Wednesday UTC is still Wednesday in New York; 05:30 UTC Thursday is 00:30 Thursday there.
    expect(latestOccurrenceToday('0 9 * * 1-5', new Date('2026-11-26T05:30:00Z'), NY)).toBeNull();
    // Saturday: not a weekday.
    expect(latestOccurrenceToday('0 9 * * 1-5', new Date('2026-11-28T20:00:00Z'), NY)).toBeNull();
  });

  it('follows the March change: 09:00 local is 13:00 UTC on 8 March 2026 and a skipped 02:30 never runs', () => {
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-03-07T14:00:00Z'), NY)?.toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-03-08T13:00:00Z'), NY)?.toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-03-08T12:59:00Z'), NY)).toBeNull();
    expect(latestOccurrenceToday('30 2 * * *', new Date('2026-03-08T20:00:00Z'), NY)).toBeNull();
    expect(localMinuteLabel(new Date('2026-03-08T13:00:00Z'), NY)).toBe('2026-03-08T09:00');
  });

  it('follows the November change: 09:00 local is 14:00 UTC on 1 November 2026; a repeated 01:30 is one period', () => {
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-10-31T13:00:00Z'), NY)?.toISOString()).toBe(
      '2026-10-31T13:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-11-01T14:00:00Z'), NY)?.toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    expect(latestOccurrenceToday('0 9 * * *', new Date('2026-11-01T13:30:00Z'), NY)).toBeNull();
    const first = latestOccurrenceToday('30 1 * * *', new Date('2026-11-01T05:45:00Z'), NY)!;
    const second = latestOccurrenceToday('30 1 * * *', new Date('2026-11-01T06:45:00Z'), NY)!;
    expect([first.toISOString(), second.toISOString()]).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    expect(localMinuteLabel(first, NY)).toBe(localMinuteLabel(second, NY));
  });

  it('tells the next run for subscription answers', () => {
    expect(nextOccurrence('0 9 * * 1-5', new Date('2026-11-27T15:00:00Z'), NY)?.toISOString()).toBe(
      '2026-11-30T14:00:00.000Z',
    );
  });
});
