import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { dueAt, targetHours } from '../src/core/escalations/sla-policy';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456', ADVOCATE_CHANNEL_ID: 'C0123ABCD' };
const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('SLA configuration', () => {
  it('defaults: claim from SLA_<SEVERITY>_HOURS, resolve 8/24/72/168, always open, critical around the clock', () => {
    const { sla } = loadConfig(http);
    expect(sla.policy.bySeverity).toEqual({
      critical: { claim: 1, resolve: 8 },
      high: { claim: 4, resolve: 24 },
      medium: { claim: 24, resolve: 72 },
      low: { claim: 72, resolve: 168 },
    });
    expect(sla.policy.calendar.always).toBe(true);
    expect([...sla.policy.aroundTheClock]).toEqual(['critical']);
    expect(sla.warnFraction).toBe(0.75);
    expect(sla.breachChannelId).toBe('C0123ABCD');
    expect(sla.leadsUsergroupId).toBeUndefined();
  });

  it('reads the business hours in DIGEST_TZ, the holidays and a tier policy that overrides the severity defaults', () => {
    const { sla } = loadConfig({
      ...http,
      DIGEST_TZ: 'Europe/Paris',
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      HOLIDAYS: '2026-12-25',
      SLA_TIER_POLICY: 'enterprise claim=1 resolve=8; enterprise/critical claim=0.25',
      SLA_RESOLVE_HIGH_HOURS: '12',
      SLA_AROUND_THE_CLOCK: 'none',
      SLA_WARN_FRACTION: '0.5',
      SLA_BREACH_CHANNEL_ID: 'C0BREACH',
      ADVOCATE_LEADS_USERGROUP_ID: 'S0LEADS',
    });
    expect(sla.policy.calendar.timeZone).toBe('Europe/Paris');
    expect(sla.policy.aroundTheClock.size).toBe(0);
    expect(targetHours(sla.policy, 'claim', 'high', 'enterprise')).toBe(1);
    expect(targetHours(sla.policy, 'claim', 'critical', 'enterprise')).toBe(0.25);
    expect(targetHours(sla.policy, 'resolve', 'high', 'growth')).toBe(12);
    expect(targetHours(sla.policy, 'claim', 'high', null)).toBe(4);
    expect(sla).toMatchObject({ warnFraction: 0.5, breachChannelId: 'C0BREACH', leadsUsergroupId: 'S0LEADS' });
    // Friday 16:30 in Paris with a 1 h claim target: due Monday 09:30.
    const due = dueAt(sla.policy, {
      target: 'claim',
      severity: 'high',
      tier: 'enterprise',
      startedAt: new Date('2026-12-04T15:30:00Z'),
    });
    expect(due.toISOString()).toBe('2026-12-07T08:30:00.000Z');
  });

  it('refuses a bad policy at start with one line naming the variable and the bad part', () => {
    expect(problem({ ...http, BUSINESS_HOURS: 'Mon-Fri 9-5' })).toBe(
      'BUSINESS_HOURS: "Mon-Fri 9-5" is not like "Mon-Fri 09:00-17:00"',
    );
    expect(problem({ ...http, HOLIDAYS: '25/12/2026' })).toBe(
      'HOLIDAYS: holiday "25/12/2026" is not a date (YYYY-MM-DD)',
    );
    expect(problem({ ...http, SLA_TIER_POLICY: 'gold claim=1' })).toMatch(
      /^SLA_TIER_POLICY: SLA rule "gold claim=1": "gold" is not a tier/,
    );
    expect(problem({ ...http, SLA_RESOLVE_LOW_HOURS: 'week' })).toBe(
      'SLA_RESOLVE_LOW_HOURS is "week": expected a number of hours, e.g. "4" or "0.5"',
    );
    expect(problem({ ...http, SLA_AROUND_THE_CLOCK: 'urgent' })).toMatch(/^SLA_AROUND_THE_CLOCK is "urgent": expected/);
    expect(problem({ ...http, SLA_WARN_FRACTION: '75%' })).toMatch(/^SLA_WARN_FRACTION is "75%": expected a fraction/);
    expect(problem({ ...http, SLA_BREACH_CHANNEL_ID: '#leads' })).toMatch(/^SLA_BREACH_CHANNEL_ID is "#leads"/);
    expect(problem({ ...http, ADVOCATE_LEADS_USERGROUP_ID: '@leads' })).toMatch(/^ADVOCATE_LEADS_USERGROUP_ID is/);
  });
});
