import { AROUND_THE_CLOCK, addBusinessTime, businessTimeBetween, type TBusinessHours } from './business-hours';
import { SEVERITIES, type TSeverity } from './escalation-vocabulary';

/**
 * What Advocate promises: a target to claim (first response) and to resolve, per severity, stricter where an
 * account's tier says so, counted in business hours except for the severities that run around the clock.
 */
export type TSlaTarget = 'claim' | 'resolve';
export type TTargetHours = Record<TSlaTarget, number>;

export interface TSlaPolicy {
  bySeverity: Readonly<Record<TSeverity, TTargetHours>>;
  /** Overrides per tier: `all` for every severity of the tier, then per severity (which wins). */
  byTier: ReadonlyMap<
    string,
    { all: Partial<TTargetHours>; bySeverity: ReadonlyMap<TSeverity, Partial<TTargetHours>> }
  >;
  aroundTheClock: ReadonlySet<TSeverity>;
  calendar: TBusinessHours;
}

export class SlaPolicyError extends Error {}

const HOURS = /^\d+(\.\d+)?$/;

/**
 * Reads tier rules, `;`-separated: `<tier>[/<severity>] claim=<hours> resolve=<hours>` (either target or both), e.g.
 * `enterprise claim=1 resolve=8; enterprise/critical claim=0.25`. The error names the rule and what is wrong.
 */
export function parseTierPolicy(text: string, tiers: readonly string[]): TSlaPolicy['byTier'] {
  const byTier = new Map<string, { all: Partial<TTargetHours>; bySeverity: Map<TSeverity, Partial<TTargetHours>> }>();
  for (const rule of text.split(';').map((part) => part.trim())) {
    if (!rule) continue;
    const [scope, ...settings] = rule.split(/\s+/);
    const [tier, severity] = scope!.toLowerCase().split('/');
    if (!tier || !tiers.includes(tier))
      throw new SlaPolicyError(`SLA rule "${rule}": "${tier}" is not a tier (ACCOUNT_TIERS: ${tiers.join(', ')})`);
    if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity))
      throw new SlaPolicyError(`SLA rule "${rule}": "${severity}" is not a severity (${SEVERITIES.join(', ')})`);
    if (settings.length === 0)
      throw new SlaPolicyError(`SLA rule "${rule}": give claim=<hours> and/or resolve=<hours>`);
    const targets: Partial<TTargetHours> = {};
    for (const setting of settings) {
      const [name, value] = setting.split('=');
      if ((name !== 'claim' && name !== 'resolve') || !value || !HOURS.test(value) || Number(value) <= 0)
        throw new SlaPolicyError(
          `SLA rule "${rule}": "${setting}" should be claim=<hours> or resolve=<hours>, hours above 0 (decimals allowed)`,
        );
      targets[name] = Number(value);
    }
    const entry = byTier.get(tier) ?? { all: {}, bySeverity: new Map() };
    if (severity)
      entry.bySeverity.set(severity as TSeverity, { ...entry.bySeverity.get(severity as TSeverity), ...targets });
    else Object.assign(entry.all, targets);
    byTier.set(tier, entry);
  }
  return byTier;
}

/** The target in hours for an escalation of this severity on an account of this tier (null: no tier). */
export function targetHours(policy: TSlaPolicy, target: TSlaTarget, severity: TSeverity, tier: string | null): number {
  const forTier = tier ? policy.byTier.get(tier) : undefined;
  return forTier?.bySeverity.get(severity)?.[target] ?? forTier?.all[target] ?? policy.bySeverity[severity][target];
}

/** The clock a severity's targets are counted on. */
export const clockOf = (policy: TSlaPolicy, severity: TSeverity): TBusinessHours =>
  policy.aroundTheClock.has(severity) ? AROUND_THE_CLOCK : policy.calendar;

export interface TSlaClockInput {
  target: TSlaTarget;
  severity: TSeverity;
  tier: string | null;
  /** When the clock started: the flag for both targets. */
  startedAt: Date;
  /** Business time the clock stood still (waiting on the customer or on engineering), already over. */
  pausedMs?: number;
}

/** When the target falls due, counting business time only and adding the time spent waiting. */
export function dueAt(policy: TSlaPolicy, input: TSlaClockInput): Date {
  const clock = clockOf(policy, input.severity);
  const budget = targetHours(policy, input.target, input.severity, input.tier) * 3_600_000 + (input.pausedMs ?? 0);
  return addBusinessTime(clock, input.startedAt, budget);
}

/** Business time used so far, without the pauses: how much of the target is spent at `now`. */
export function elapsedBusinessTime(policy: TSlaPolicy, input: TSlaClockInput, now: Date): number {
  return Math.max(
    0,
    businessTimeBetween(clockOf(policy, input.severity), input.startedAt, now) - (input.pausedMs ?? 0),
  );
}
