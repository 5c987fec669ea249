/**
 * The escalation state machine, pure: given the current escalation and a requested change, either the new
 * fields and what to tell people, or a refusal with its reason. No database, no Slack.
 *
 *   open ──claim──▶ claimed ──resolve──▶ resolved ──reopen──▶ claimed (owner kept) / open (no owner)
 *   open ──resolve──▶ resolved              claimed ──claim by another──▶ claimed (reassigned)
 *   raise: low → medium → high → critical (any status but resolved)
 *   open / claimed ──withdraw──▶ withdrawn (final: flagged by mistake; never counted as resolved, nobody is DMed)
 */
import { escalationRef, SEVERITIES, type TSeverity } from './escalation-vocabulary';

export type TTransitionKind = 'claim' | 'resolve' | 'reopen' | 'raise' | 'withdraw';

export interface TLifecycleState {
  id: number;
  createdAt: Date;
  status: string;
  severity: string;
  ownerId: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
}

export interface TTransitionResult {
  changes: Partial<Pick<TLifecycleState, 'status' | 'severity' | 'ownerId' | 'claimedAt' | 'resolvedAt'>> & {
    claimWaitSeconds?: number;
    resolveWaitSeconds?: number | null;
  };
  /** Timeline: the action and what changed. */
  action: string;
  fromValue: string | null;
  toValue: string | null;
  detail?: string;
  /** Whether the agent who flagged it hears of this change. */
  tellReporter: boolean;
}

export type TTransitionOutcome = { ok: true; result: TTransitionResult } | { ok: false; reason: string };

const PAST = { claim: 'claimed', resolve: 'resolved', reopen: 'reopened', raise: 'raised' } as const;

const refuse = (reason: string): TTransitionOutcome => ({ ok: false, reason });
const secondsSince = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

export function decideTransition(
  state: TLifecycleState,
  kind: TTransitionKind,
  actorId: string,
  now: Date,
): TTransitionOutcome {
  const ref = escalationRef(state.id);
  if (state.status === 'withdrawn') {
    return refuse(
      kind === 'withdraw'
        ? `${ref} is already withdrawn.`
        : `${ref} was withdrawn, so it cannot be ${PAST[kind]}; flag the conversation again if it needs an advocate.`,
    );
  }
  switch (kind) {
    case 'withdraw': {
      if (state.status === 'resolved') return refuse(`${ref} is resolved; there is nothing to withdraw.`);
      return {
        ok: true,
        result: {
          changes: { status: 'withdrawn' },
          action: 'withdrawn',
          fromValue: state.status,
          toValue: 'withdrawn',
          tellReporter: false,
        },
      };
    }
    case 'claim': {
      if (state.status === 'resolved') return refuse(`${ref} is resolved; reopen it before claiming it.`);
      if (state.status === 'claimed' && state.ownerId === actorId) return refuse(`${ref} is already yours.`);
      const reassigned = state.status === 'claimed' && state.ownerId !== null;
      return {
        ok: true,
        result: {
          changes: reassigned
            ? { status: 'claimed', ownerId: actorId }
            : {
                status: 'claimed',
                ownerId: actorId,
                claimedAt: now,
                claimWaitSeconds: secondsSince(state.createdAt, now),
              },
          action: reassigned ? 'reassigned' : 'claimed',
          fromValue: reassigned ? state.ownerId : 'open',
          toValue: reassigned ? actorId : 'claimed',
          detail: reassigned ? `from <@${state.ownerId}> to <@${actorId}>` : undefined,
          tellReporter: true,
        },
      };
    }
    case 'resolve': {
      if (state.status === 'resolved') return refuse(`${ref} is already resolved.`);
      return {
        ok: true,
        result: {
          changes: {
            status: 'resolved',
            resolvedAt: now,
            resolveWaitSeconds: secondsSince(state.createdAt, now),
            ownerId: state.ownerId ?? actorId,
            // Resolved without a claim: it was taken and finished at once.
            ...(state.claimedAt ? {} : { claimedAt: now, claimWaitSeconds: secondsSince(state.createdAt, now) }),
          },
          action: 'resolved',
          fromValue: state.status,
          toValue: 'resolved',
          tellReporter: true,
        },
      };
    }
    case 'reopen': {
      if (state.status !== 'resolved')
        return refuse(`${ref} is ${state.status}, not resolved; there is nothing to reopen.`);
      const status = state.ownerId ? 'claimed' : 'open';
      return {
        ok: true,
        result: {
          changes: { status, resolvedAt: null, resolveWaitSeconds: null },
          action: 'reopened',
          fromValue: 'resolved',
          toValue: status,
          tellReporter: true,
        },
      };
    }
    case 'raise': {
      if (state.status === 'resolved') return refuse(`${ref} is resolved; reopen it before raising its severity.`);
      const index = SEVERITIES.indexOf(state.severity as TSeverity);
      if (index >= SEVERITIES.length - 1)
        return refuse(`${ref} is already critical, the highest severity; it stays critical.`);
      const next = SEVERITIES[index + 1]!;
      return {
        ok: true,
        result: {
          changes: { severity: next },
          action: 'severity raised',
          fromValue: state.severity,
          toValue: next,
          tellReporter: false,
        },
      };
    }
  }
}
