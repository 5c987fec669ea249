import { AppError, ErrorCode } from '../shared/app-error';
import type { TSqlQueryable } from '../shared/db/sql';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { RaceLost, runPreparedUnitOfWork } from '../shared/unit-of-work';
import { escalationRef, isOpenStatus } from './escalation-vocabulary';
import { findEscalation, type TEscalation, updateEscalationIfVersion } from './escalations-repository';
import { ongoingPauseMs, type TWaitingOn } from './sla-clock';
import type { TSlaPolicy } from './sla-policy';

/**
 * The columns that end a pause: the business time it lasted joins what earlier pauses took off the resolve clock.
 * Null when the escalation is not waiting.
 */
export function endWaitingChanges(
  policy: TSlaPolicy | undefined,
  escalation: Pick<TEscalation, 'severity' | 'waitingOn' | 'waitingSince' | 'resolvePausedSeconds'>,
  now: Date,
): Pick<TEscalation, 'waitingOn' | 'waitingSince' | 'resolvePausedSeconds'> | null {
  if (!escalation.waitingOn) return null;
  const pausedMs = ongoingPauseMs(policy, { ...escalation, status: 'claimed', createdAt: now, customer: null }, now);
  return {
    waitingOn: null,
    waitingSince: null,
    resolvePausedSeconds: escalation.resolvePausedSeconds + Math.round(pausedMs / 1000),
  };
}

export interface TWaitingChange {
  escalationId: number;
  actorId: string;
  via: TVia;
  /** `customer` or `engineering` to wait on; null to resume. */
  on: TWaitingOn | null;
  note?: string;
}

export interface TWaitingOutcome {
  escalation: TEscalation;
  /** False when nothing changed (already waiting on that, or not waiting at all when resuming). */
  changed: boolean;
}

/**
 * Pauses the resolve clock while the escalation waits on the customer or on engineering, or resumes it. The row
 * (version-checked), its timeline entry and the card's update commit together; waiting on the other party ends
 * the running pause and starts a new one.
 */
export async function setWaiting(deps: TDomainDeps, change: TWaitingChange): Promise<TWaitingOutcome> {
  const ref = escalationRef(change.escalationId);
  return runPreparedUnitOfWork(
    deps,
    { conflict: `${ref} is being changed by several people right now; try again in a moment.` },
    async ({ q, now, queue, hint }) => {
      const before = await findEscalation(q, change.escalationId);
      if (!before) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${ref}.` });
      if (!isOpenStatus(before.status))
        throw new AppError(ErrorCode.IllegalTransition, {
          userMessage: `${ref} is ${before.status}: its clock has stopped, so there is nothing to pause or resume.`,
        });
      if (before.waitingOn === change.on) return { escalation: before, changed: false };
      const ended = endWaitingChanges(deps.slaPolicy, before, now);
      const changes = {
        ...(ended ?? {}),
        ...(change.on ? { waitingOn: change.on, waitingSince: now } : {}),
        updatedAt: now,
      };
      if (!(await updateEscalationIfVersion(q, before.id, before.version, changes))) throw new RaceLost();
      const version = before.version + 1;
      await addTimelineEntry(q, {
        escalationId: before.id,
        actorId: change.actorId,
        action: change.on ? 'waiting' : 'resumed',
        fromValue: before.waitingOn ?? undefined,
        toValue: change.on ?? undefined,
        via: change.via,
        detail: change.note,
        at: now,
      });
      const escalation: TEscalation = { ...before, ...changes, version };
      queue([
        {
          dedupeKey: outboxKey.escalationChange(before.id, version, 'card'),
          message: { kind: 'card.update', escalationId: before.id },
        },
      ]);
      hint({ escalation });
      return { escalation, changed: true };
    },
  );
}

/**
 * A theme's tickets have all closed: engineering is done, so its escalations waiting (on engineering or on the
 * customer) run again. Inside the caller's transaction; one that changed meanwhile is left as it is (its wait ends
 * with the next action instead). Returns the card updates to queue.
 */
export async function endWaitingOfTheme(
  q: TSqlQueryable,
  escalations: readonly Pick<
    TEscalation,
    'id' | 'version' | 'status' | 'severity' | 'waitingOn' | 'waitingSince' | 'resolvePausedSeconds'
  >[],
  themeId: number,
  policy: TSlaPolicy | undefined,
  now: Date,
): Promise<TOutboxItem[]> {
  const items: TOutboxItem[] = [];
  for (const escalation of escalations) {
    if (!isOpenStatus(escalation.status)) continue;
    const ended = endWaitingChanges(policy, escalation, now);
    if (!ended) continue;
    if (!(await updateEscalationIfVersion(q, escalation.id, escalation.version, { ...ended, updatedAt: now })))
      continue;
    await addTimelineEntry(q, {
      escalationId: escalation.id,
      themeId,
      actorId: 'Advocate',
      action: 'resumed',
      fromValue: escalation.waitingOn,
      via: 'system',
      detail: "the theme's tickets all closed",
      at: now,
    });
    items.push({
      dedupeKey: outboxKey.escalationChange(escalation.id, escalation.version + 1, 'card'),
      message: { kind: 'card.update', escalationId: escalation.id },
    });
  }
  return items;
}
