import type { TTransaction } from '../../db/client';
import { findEscalation, type TEscalation, updateEscalationIfVersion } from '../../db/repositories/escalations';
import { enqueueOutbox } from '../../db/repositories/outbox';
import { addTimelineEntry, type TVia } from '../../db/repositories/timeline';
import { fromSlack, mention, mrkdwn } from '../../text/slack-text';
import type { TDomainDeps } from '../deps';
import { AppError, ErrorCode } from '../errors';
import type { TOutboxItem } from '../outbox/messages';
import { decideTransition, type TTransitionKind, type TTransitionResult } from './lifecycle';
import { escalationRef } from './vocabulary';

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
}

/** Later capabilities react to changes inside the same transaction (a theme card follows its escalations). */
export type TChangeHook = (
  tx: TTransaction,
  escalation: TEscalation,
  result: TTransitionResult,
  now: Date,
  options: TChangeEscalationOptions,
) => Promise<TOutboxItem[]>;
const changeHooks: TChangeHook[] = [];
export const onEscalationChanged = (hook: TChangeHook) => changeHooks.push(hook);

const THREAD_EMOJI: Record<string, string> = {
  claimed: ':eyes:',
  reassigned: ':eyes:',
  resolved: ':white_check_mark:',
  reopened: ':leftwards_arrow_with_hook:',
  'severity raised': ':arrow_double_up:',
};

function threadLine(result: TTransitionResult, actorId: string, via: TVia) {
  const emoji = THREAD_EMOJI[result.action] ?? ':memo:';
  const how = ` _(${via})_`;
  switch (result.action) {
    case 'reassigned':
      return `${emoji} <@${actorId}> took this over from <@${result.fromValue}>${how}`;
    case 'severity raised':
      return `${emoji} <@${actorId}> raised the severity ${result.fromValue} → ${result.toValue}${how}`;
    default:
      return `${emoji} <@${actorId}> ${result.action} this (now ${result.toValue})${how}`;
  }
}

function reporterMessage(escalation: TEscalation, result: TTransitionResult, actorId: string) {
  const summary = escalation.summary.length > 80 ? `${escalation.summary.slice(0, 79)}…` : escalation.summary;
  const verb = result.action === 'resolved' ? 'was resolved by' : 'was claimed by';
  return mrkdwn`Your escalation *${escalationRef(escalation.id)}* “${fromSlack(summary)}” ${verb} ${mention(actorId)}.`
    .text;
}

const MAX_ATTEMPTS = 8;

/**
 * One lifecycle change inside the caller's transaction: the row (version-checked), its timeline entry and the
 * outbox items to enqueue (returned, not enqueued, so the caller can add its own and enqueue once). Null means a
 * concurrent change won the version check; the caller rolls back and decides again. A refused move throws.
 */
export async function applyEscalationChange(
  tx: TTransaction,
  options: TChangeEscalationOptions,
  now: Date,
): Promise<{ escalation: TEscalation; result: TTransitionResult; items: TOutboxItem[] } | null> {
  const current = await findEscalation(tx, options.escalationId);
  if (!current)
    throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${escalationRef(options.escalationId)}.` });
  const decision = decideTransition(current, options.kind, options.actorId, now);
  if (!decision.ok) throw new AppError(ErrorCode.IllegalTransition, { userMessage: decision.reason });
  const { result } = decision;
  if (!(await updateEscalationIfVersion(tx, current.id, current.version, { ...result.changes, updatedAt: now })))
    return null;
  const version = current.version + 1;
  await addTimelineEntry(tx, {
    escalationId: current.id,
    themeId: options.causedByThemeId,
    actorId: options.actorId,
    action: result.action,
    fromValue: result.fromValue,
    toValue: result.toValue,
    via: options.via,
    detail: [result.detail, options.detail].filter(Boolean).join('; ') || undefined,
    at: now,
  });
  const updated = (await findEscalation(tx, current.id))!;
  const key = `escalation:${current.id}:v${version}`;
  const announce = options.announce ?? true;
  const items: TOutboxItem[] = [
    { dedupeKey: `${key}:card`, message: { kind: 'card.update', escalationId: current.id } },
  ];
  if (announce) {
    items.push({
      dedupeKey: `${key}:thread`,
      message: {
        kind: 'thread.line',
        escalationId: current.id,
        text: threadLine(result, options.actorId, options.via),
      },
    });
  }
  if (announce && result.tellReporter && current.reporterId !== options.actorId) {
    items.push({
      dedupeKey: `${key}:reporter`,
      message: {
        kind: 'direct.message',
        userId: current.reporterId,
        text: reporterMessage(current, result, options.actorId),
      },
    });
  }
  for (const hook of changeHooks) items.push(...(await hook(tx, updated, result, now, options)));
  return { escalation: updated, result, items };
}

/**
 * Applies one lifecycle change with its timeline entry and notifications in one transaction. A concurrent change
 * to the same escalation makes the version check fail; we then re-read and decide again, so two advocates acting
 * at once are applied one after the other and neither is lost or applied twice.
 */
export async function changeEscalation(
  deps: TDomainDeps,
  options: TChangeEscalationOptions,
): Promise<{ escalation: TEscalation; result: TTransitionResult }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    const outcome = await deps.db.prisma.$transaction(async (tx) => {
      const applied = await applyEscalationChange(tx, options, now);
      if (!applied) return null;
      const outboxIds = await enqueueOutbox(tx, applied.items, now);
      return { escalation: applied.escalation, result: applied.result, outboxIds };
    });
    if (outcome) {
      await deps.outbox.deliver(outcome.outboxIds);
      return { escalation: outcome.escalation, result: outcome.result };
    }
  }
  throw new AppError(ErrorCode.Conflict, {
    userMessage: `${escalationRef(options.escalationId)} is being changed by several people right now; try again in a moment.`,
  });
}
