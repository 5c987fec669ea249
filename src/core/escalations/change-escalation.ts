import { ownerNoticeItems } from '../customers/owner-notices';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TSqlQueryable } from '../shared/db/sql';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TEscalationEvent, TOutboxItem } from '../shared/outbox/outbox-messages';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { RaceLost, runPreparedUnitOfWork } from '../shared/unit-of-work';
import { themeCardFollows } from '../themes/follow-escalations';
import { decideTransition, type TTransitionKind, type TTransitionResult } from './escalation-lifecycle';
import { escalationRef, isOpenStatus } from './escalation-vocabulary';
import { endWaitingChanges } from './escalation-waiting';
import { findEscalation, type TEscalation, updateEscalationIfVersion } from './escalations-repository';
import type { TSlaPolicy } from './sla-policy';

export interface TChangeEscalationOptions {
  escalationId: number;
  kind: TTransitionKind;
  actorId: string;
  via: TVia;
  /** Extra words for the timeline, e.g. "with theme THM-2". */
  detail?: string;
  /**
   * False when the caller tells the thread and the reporter itself (a theme's resolution sends one note per thread
   * and one message per agent instead of one per escalation). The card is still updated.
   */
  announce?: boolean;
  /**
   * The theme whose resolution caused this change: the timeline entry points at it, and its own theme card update
   * covers this one.
   */
  causedByThemeId?: number;
  /** Counts the pause an advocate's action ends in business time; changeEscalation takes it from deps. */
  slaPolicy?: TSlaPolicy;
}

const EVENT_TYPES: Record<string, TEscalationEvent['type']> = {
  claimed: 'claimed',
  reassigned: 'reassigned',
  resolved: 'resolved',
  reopened: 'reopened',
  'severity raised': 'severity_raised',
  withdrawn: 'withdrawn',
};

/** What the thread and the reporter are told; slack/escalations/escalation-events.ts words it when it is sent. */
function eventOf(result: TTransitionResult, actorId: string, via: TVia, note?: string): TEscalationEvent {
  const type = EVENT_TYPES[result.action];
  if (!type) throw new Error(`no outbox event for the transition "${result.action}"`);
  return { type, actorId, via, from: result.fromValue, to: result.toValue, ...(note ? { note } : {}) };
}

/** A card several advocates press at once: each press is applied in turn, so allow more than the usual attempts. */
const MAX_ATTEMPTS = 8;

/**
 * One lifecycle change inside the caller's transaction: the row (version-checked), its timeline entry and the
 * outbox items to enqueue (returned, not enqueued, so the caller can add its own and enqueue once). Null means a
 * concurrent change won the version check; the caller rolls back and decides again. A refused move throws.
 */
export async function applyEscalationChange(
  q: TSqlQueryable,
  options: TChangeEscalationOptions,
  now: Date,
  current?: TEscalation | null,
): Promise<{ escalation: TEscalation; result: TTransitionResult; items: TOutboxItem[] } | null> {
  const before = current ?? (await findEscalation(q, options.escalationId));
  if (!before)
    throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${escalationRef(options.escalationId)}.` });
  const decision = decideTransition(before, options.kind, options.actorId, now);
  if (!decision.ok) throw new AppError(ErrorCode.IllegalTransition, { userMessage: decision.reason });
  const { result } = decision;
  // Any advocate action on a waiting escalation ends the wait: someone is working on it again.
  const endsWait = endWaitingChanges(options.slaPolicy, before, now);
  const changes = { ...result.changes, ...(endsWait ?? {}), updatedAt: now };
  if (!(await updateEscalationIfVersion(q, before.id, before.version, changes))) return null;
  const version = before.version + 1;
  await addTimelineEntry(q, {
    escalationId: before.id,
    themeId: options.causedByThemeId,
    actorId: options.actorId,
    action: result.action,
    fromValue: result.fromValue,
    toValue: result.toValue,
    via: options.via,
    detail:
      [result.detail, options.detail, endsWait ? `no longer waiting on ${before.waitingOn}` : undefined]
        .filter(Boolean)
        .join('; ') || undefined,
    at: now,
  });
  // What the row now holds, without reading it back: the update above applied exactly these changes.
  const updated: TEscalation = { ...before, ...changes, version };
  const announce = options.announce ?? true;
  const items: TOutboxItem[] = [
    {
      dedupeKey: outboxKey.escalationChange(before.id, version, 'card'),
      message: { kind: 'card.update', escalationId: before.id },
    },
  ];
  if (announce) {
    items.push({
      dedupeKey: outboxKey.escalationChange(before.id, version, 'thread'),
      message: {
        kind: 'escalation.event',
        escalationId: before.id,
        event: eventOf(result, options.actorId, options.via),
      },
    });
  }
  if (announce && result.tellReporter && before.reporterId !== options.actorId) {
    items.push({
      dedupeKey: outboxKey.escalationChange(before.id, version, 'reporter'),
      message: {
        kind: 'reporter.notice',
        userId: before.reporterId,
        escalationId: before.id,
        summary: before.summary,
        event: eventOf(result, options.actorId, options.via, options.causedByThemeId ? undefined : options.detail),
      },
    });
  }
  const ownerEvent = announce ? EVENT_TYPES[result.action] : undefined;
  if (ownerEvent === 'claimed' || ownerEvent === 'reassigned' || ownerEvent === 'resolved')
    items.push(...ownerNoticeItems(before, ownerEvent, options.actorId, version));
  items.push(...themeCardFollows(updated, options.causedByThemeId));
  return { escalation: updated, result, items };
}

/**
 * Applies one lifecycle change with its timeline entry and notifications in one transaction. A concurrent change
 * to the same escalation makes the version check fail; we then re-read and decide again, so two advocates acting
 * at once are applied one after the other and neither is lost or applied twice. `current` is the escalation as the
 * caller just read it (a reaction looks its card up first); the version check makes a stale one harmless.
 */
export async function changeEscalation(
  deps: TDomainDeps,
  options: TChangeEscalationOptions,
  current?: TEscalation,
): Promise<{ escalation: TEscalation; result: TTransitionResult }> {
  let known: TEscalation | undefined = current;
  const { escalation, result, now } = await runPreparedUnitOfWork(
    deps,
    {
      attempts: MAX_ATTEMPTS,
      conflict: `${escalationRef(options.escalationId)} is being changed by several people right now; try again in a moment.`,
    },
    async ({ q, now, queue, hint }) => {
      const applied = await applyEscalationChange(
        q,
        { ...options, slaPolicy: options.slaPolicy ?? deps.slaPolicy },
        now,
        known,
      );
      known = undefined;
      if (!applied) throw new RaceLost();
      queue(applied.items);
      hint({ escalation: applied.escalation });
      return { escalation: applied.escalation, result: applied.result, now };
    },
  );
  if (isOpenStatus(escalation.status) && escalation.customer) {
    await deps.atRisk
      ?.evaluate([{ customer: escalation.customer, causedByEscalationId: escalation.id }], now)
      .catch((error) => deps.onBackgroundError?.('at-risk evaluation after a change', error));
  }
  return { escalation, result };
}
