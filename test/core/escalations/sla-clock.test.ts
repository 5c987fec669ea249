import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../src/core/escalations/business-hours';
import { describeSlaClock, readSlaClock, type TSlaSubject } from '../../../src/core/escalations/sla-clock';
import { parseTierPolicy, type TSlaPolicy } from '../../../src/core/escalations/sla-policy';

function policy(hours: string, holidays = '', timeZone = 'UTC', tiers = ''): TSlaPolicy {
  return {
    bySeverity: {
      critical: { claim: 1, resolve: 8 },
      high: { claim: 1, resolve: 4 },
      medium: { claim: 24, resolve: 72 },
      low: { claim: 72, resolve: 168 },
    },
    byTier: parseTierPolicy(tiers, ['enterprise', 'growth', 'starter']),
    aroundTheClock: new Set(['critical']),
    calendar: parseBusinessHours(hours, holidays, timeZone),
  };
}
const subject = (overrides: Partial<TSlaSubject> = {}): TSlaSubject => ({
  severity: 'high',
  status: 'open',
  createdAt: new Date('2026-12-04T16:30:00Z'),
  customer: null,
  waitingOn: null,
  waitingSince: null,
  resolvePausedSeconds: 0,
  ...overrides,
});
const WEEKDAYS = 'Mon-Fri 09:00-17:00';

describe('the SLA clock of an escalation', () => {
  it('is due Monday 09:30 for a Friday 16:30 flag with a 1 h claim target, and says so', () => {
    const now = new Date('2026-12-04T16:45:00Z');
    const reading = readSlaClock(policy(WEEKDAYS), subject(), now)!;
    expect(reading.dueAt?.toISOString()).toBe('2026-12-07T09:30:00.000Z');
    expect(describeSlaClock(reading, now, 'UTC', false)).toBe('claim due Mon 09:30');
    expect(describeSlaClock(reading, now, 'UTC', true)).toBe('claim due in 2d 16h');
  });

  it('skips a holiday: with Monday off the same flag is due Tuesday 09:30', () => {
    const reading = readSlaClock(policy(WEEKDAYS, '2026-12-07'), subject(), new Date('2026-12-04T16:45:00Z'))!;
    expect(reading.dueAt?.toISOString()).toBe('2026-12-08T09:30:00.000Z');
  });

  it('keeps business hours on local time across a DST change (New York, 1 November 2026)', () => {
    // Friday 30 October 16:30 EDT (20:30 UTC) + 1 h → Monday 2 November 09:30 EST (14:30 UTC).
    const reading = readSlaClock(
      policy(WEEKDAYS, '', 'America/New_York'),
      subject({ createdAt: new Date('2026-10-30T20:30:00Z') }),
      new Date('2026-10-30T21:00:00Z'),
    )!;
    expect(reading.dueAt?.toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('lets a tier policy override the severity default, and runs critical around the clock', () => {
    const tiers = 'enterprise claim=0.5';
    const enterprise = subject({ customer: { tier: 'enterprise' } });
    const now = new Date('2026-12-04T16:31:00Z');
    expect(readSlaClock(policy(WEEKDAYS, '', 'UTC', tiers), enterprise, now)!.dueAt?.toISOString()).toBe(
      '2026-12-04T17:00:00.000Z',
    );
    expect(
      readSlaClock(
        policy(WEEKDAYS, '', 'UTC', tiers),
        subject({ customer: { tier: 'growth' } }),
        now,
      )!.dueAt?.toISOString(),
    ).toBe('2026-12-07T09:30:00.000Z');
    expect(readSlaClock(policy(WEEKDAYS), subject({ severity: 'critical' }), now)!.dueAt?.toISOString()).toBe(
      '2026-12-04T17:30:00.000Z',
    );
  });

  it('shows the resolve clock paused while waiting, then due later by the business time waited', () => {
    const claimed = subject({ status: 'claimed', createdAt: new Date('2026-12-07T09:00:00Z') });
    const waiting = { ...claimed, waitingOn: 'customer', waitingSince: new Date('2026-12-07T10:00:00Z') };
    const now = new Date('2026-12-07T12:00:00Z');
    const paused = readSlaClock(policy(WEEKDAYS), waiting, now)!;
    expect(paused.dueAt).toBeNull();
    expect(describeSlaClock(paused, now, 'UTC', false)).toBe('resolve paused: waiting on customer since Mon 10:00');
    const resumed = readSlaClock(policy(WEEKDAYS), { ...claimed, resolvePausedSeconds: 7200 }, now)!;
    expect(resumed.dueAt?.toISOString()).toBe('2026-12-07T15:00:00.000Z');
  });

  it('says how long ago a target was breached, and shows nothing once resolved', () => {
    const now = new Date('2026-12-07T10:05:00Z');
    const reading = readSlaClock(policy(WEEKDAYS), subject(), now)!;
    expect(describeSlaClock(reading, now, 'UTC', true)).toBe('claim breached 35m ago');
    expect(readSlaClock(policy(WEEKDAYS), subject({ status: 'resolved' }), now)).toBeNull();
  });
});
