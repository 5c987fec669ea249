import { describe, expect, it } from 'vitest';
import { renewalReason } from '../../../src/core/customers/at-risk-rules';
import { formatMoney, renewalWords, revenueAtStake, stakeWords, tierMix } from '../../../src/core/customers/revenue';

const NOW = new Date('2026-11-25T10:00:00Z');
const day = (days: number) => new Date(Date.UTC(2026, 10, 25 + days));

describe('renewal as a reason to be at risk', () => {
  const severe = { severeEscalations: [{ id: 3, severity: 'high' }], detractors: null };
  const detractor = { severeEscalations: [], detractors: { count: 1, latestAt: day(-2) } };
  const calm = { severeEscalations: [], detractors: null };

  it('holds for a renewal within 60 days with a severe escalation open or a recent detractor', () => {
    expect(renewalReason(severe, day(41), NOW)).toEqual({ kind: 'renewal', renewalAt: day(41), days: 41 });
    expect(renewalReason(detractor, day(60), NOW)).toMatchObject({ days: 60 });
  });

  it('does not hold for a calm account, a renewal further out, a past one or none', () => {
    expect(renewalReason(calm, day(10), NOW)).toBeNull();
    expect(renewalReason(severe, day(61), NOW)).toBeNull();
    expect(renewalReason(severe, day(-3), NOW)).toBeNull();
    expect(renewalReason(severe, null, NOW)).toBeNull();
  });
});

describe('revenue words', () => {
  it('writes ARR as $120,000 below a million and $1.2M from there', () => {
    expect([formatMoney(120000), formatMoney(999_999), formatMoney(1_220_000), formatMoney(12_400_000)]).toEqual([
      '$120,000',
      '$999,999',
      '$1.2M',
      '$12M',
    ]);
  });

  it('sums ARR over distinct accounts and counts the unknown', () => {
    const stake = revenueAtStake([
      { id: 1, arr: 120000 },
      { id: 1, arr: 120000 },
      { id: 2, arr: 1_100_000 },
      { id: 3, arr: null },
    ]);
    expect(stake).toEqual({ customers: 3, arr: 1_220_000, unknownArr: 1 });
    expect(stakeWords(stake)).toBe('ARR $1.2M (+1 without ARR)');
    expect(stakeWords({ customers: 2, arr: 0, unknownArr: 2 })).toBe('ARR unknown (2 without ARR)');
  });

  it('orders the tier mix highest first, unknown tiers after, no tier last', () => {
    expect(tierMix(['starter', null, 'enterprise', 'starter', 'legacy'], ['enterprise', 'growth', 'starter'])).toBe(
      '1 enterprise, 2 starter, 1 legacy, 1 no tier',
    );
  });

  it('says how far off a renewal is', () => {
    expect([renewalWords(day(41), NOW), renewalWords(day(1), NOW), renewalWords(day(-3), NOW)]).toEqual([
      'renews in 41 days',
      'renews tomorrow',
      'renewal was 3 days ago',
    ]);
  });
});
