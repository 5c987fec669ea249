import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  BusinessHoursError,
  businessTimeBetween,
  parseBusinessHours,
} from '../../../src/core/escalations/business-hours';
import {
  dueAt,
  elapsedBusinessTime,
  parseTierPolicy,
  SlaPolicyError,
  type TSlaPolicy,
  targetHours,
} from '../../../src/core/escalations/sla-policy';

const HOUR = 3_600_000;
const weekdays = (timeZone = 'Europe/Berlin', holidays = '') =>
  parseBusinessHours('Mon-Fri 09:00-17:00', holidays, timeZone);

describe('business hours', () => {
  it('a flag on Friday 16:30 with a one-hour target is due Monday 09:30', () => {
    // Friday 2026-12-04 16:30 in Berlin is 15:30 UTC (CET, +1); Monday 09:30 is 08:30 UTC.
    const due = addBusinessTime(weekdays(), new Date('2026-12-04T15:30:00Z'), HOUR);
    expect(due.toISOString()).toBe('2026-12-07T08:30:00.000Z');
  });

  it('skips a holiday: the same flag with Monday off is due Tuesday 09:30', () => {
    const due = addBusinessTime(weekdays('Europe/Berlin', '2026-12-07'), new Date('2026-12-04T15:30:00Z'), HOUR);
    expect(due.toISOString()).toBe('2026-12-08T08:30:00.000Z');
  });

  it('a flag outside the hours starts its clock at the next opening', () => {
    // Saturday 12:00 → Monday 09:00 + 2 h = Monday 11:00 Berlin = 10:00 UTC.
    expect(addBusinessTime(weekdays(), new Date('2026-12-05T11:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
  });

  it('keeps 09:00 at 09:00 local across the spring change (clocks go forward on Sunday 29 March 2026)', () => {
    // Friday 27 March 16:00 CET (15:00 UTC), 2 h target: 1 h on Friday, 1 h on Monday → Monday 10:00 CEST = 08:00 UTC.
    const due = addBusinessTime(weekdays(), new Date('2026-03-27T15:00:00Z'), 2 * HOUR);
    expect(due.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('keeps 17:00 at 17:00 local across the autumn change (clocks go back on Sunday 25 October 2026)', () => {
    // Friday 23 October 16:00 CEST (14:00 UTC), 2 h: 1 h Friday, 1 h Monday → Monday 10:00 CET = 09:00 UTC.
    const due = addBusinessTime(weekdays(), new Date('2026-10-23T14:00:00Z'), 2 * HOUR);
    expect(due.toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('counts business time between two instants, and none over a weekend', () => {
    const calendar = weekdays();
    // Friday 16:30 → Monday 09:30 Berlin: 30 min Friday + 30 min Monday.
    expect(businessTimeBetween(calendar, new Date('2026-12-04T15:30:00Z'), new Date('2026-12-07T08:30:00Z'))).toBe(
      HOUR,
    );
    expect(businessTimeBetween(calendar, new Date('2026-12-05T10:00:00Z'), new Date('2026-12-06T20:00:00Z'))).toBe(0);
  });

  it('runs around the clock by default', () => {
    const always = parseBusinessHours('always', '', 'UTC');
    expect(addBusinessTime(always, new Date('2026-12-05T23:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-12-06T01:00:00.000Z',
    );
  });

  it('reads several parts and refuses a bad one with the part named', () => {
    const calendar = parseBusinessHours('Mon-Thu 09:00-17:00, Fri 09:00-15:00', '', 'UTC');
    // Friday 14:00 UTC with 2 h: 1 h Friday (closes 15:00), 1 h Monday → Monday 10:00.
    expect(addBusinessTime(calendar, new Date('2026-12-04T14:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-12-07T10:00:00.000Z',
    );
    expect(() => parseBusinessHours('Mon-Fri 9-5', '', 'UTC')).toThrowError(BusinessHoursError);
    expect(() => parseBusinessHours('Mon-Fri 9-5', '', 'UTC')).toThrowError(/"Mon-Fri 9-5" is not like/);
    expect(() => parseBusinessHours('Mon-Fry 09:00-17:00', '', 'UTC')).toThrowError(/"Fry" is not a day/);
    expect(() => parseBusinessHours('Mon 17:00-09:00', '', 'UTC')).toThrowError(/end after it starts/);
    expect(() => parseBusinessHours('always', '2026-13-01', 'UTC')).toThrowError(/holiday "2026-13-01"/);
  });
});

describe('SLA policy', () => {
  const policy: TSlaPolicy = {
    bySeverity: {
      critical: { claim: 1, resolve: 8 },
      high: { claim: 4, resolve: 24 },
      medium: { claim: 24, resolve: 72 },
      low: { claim: 72, resolve: 168 },
    },
    byTier: parseTierPolicy('enterprise claim=1 resolve=8; enterprise/critical claim=0.25', [
      'enterprise',
      'growth',
      'starter',
    ]),
    aroundTheClock: new Set(['critical']),
    calendar: weekdays('UTC'),
  };

  it('a tier and severity rule beats a tier rule, which beats the severity default', () => {
    expect(targetHours(policy, 'claim', 'critical', 'enterprise')).toBe(0.25);
    expect(targetHours(policy, 'claim', 'low', 'enterprise')).toBe(1);
    expect(targetHours(policy, 'resolve', 'critical', 'enterprise')).toBe(8);
    expect(targetHours(policy, 'claim', 'low', 'growth')).toBe(72);
    expect(targetHours(policy, 'claim', 'low', null)).toBe(72);
  });

  it('critical runs around the clock; the others wait for Monday, and a pause moves the deadline', () => {
    const friday = new Date('2026-12-04T16:30:00Z');
    expect(dueAt(policy, { target: 'claim', severity: 'critical', tier: null, startedAt: friday }).toISOString()).toBe(
      '2026-12-04T17:30:00.000Z',
    );
    expect(
      dueAt(policy, { target: 'claim', severity: 'high', tier: 'enterprise', startedAt: friday }).toISOString(),
    ).toBe('2026-12-07T09:30:00.000Z');
    const paused = { target: 'claim' as const, severity: 'high' as const, tier: 'enterprise', pausedMs: HOUR };
    expect(dueAt(policy, { ...paused, startedAt: friday }).toISOString()).toBe('2026-12-07T10:30:00.000Z');
    expect(elapsedBusinessTime(policy, { ...paused, startedAt: friday }, new Date('2026-12-07T11:00:00Z'))).toBe(
      1.5 * HOUR,
    );
  });

  it('refuses a bad rule with the rule and the problem named', () => {
    const tiers = ['enterprise', 'growth'];
    expect(() => parseTierPolicy('gold claim=1', tiers)).toThrowError(SlaPolicyError);
    expect(() => parseTierPolicy('gold claim=1', tiers)).toThrowError(/"gold" is not a tier/);
    expect(() => parseTierPolicy('enterprise/urgent claim=1', tiers)).toThrowError(/"urgent" is not a severity/);
    expect(() => parseTierPolicy('enterprise claim=fast', tiers)).toThrowError(/"claim=fast" should be/);
    expect(() => parseTierPolicy('enterprise', tiers)).toThrowError(/give claim=<hours>/);
    expect(parseTierPolicy('', tiers).size).toBe(0);
  });
});
