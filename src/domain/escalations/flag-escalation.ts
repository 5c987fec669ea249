import { findOrCreateCustomerReportingPrepared } from '../../db/repositories/customers';
import { insertEscalationPrepared, type TEscalation } from '../../db/repositories/escalations';
import { enqueueOutboxLeased } from '../../db/repositories/outbox';
import { linkResponseIfUnlinkedPrepared } from '../../db/repositories/surveys';
import { addTimelineEntryPrepared, type TVia } from '../../db/repositories/timeline';
import type { TDomainDeps } from '../deps';
import type { TSeverity } from './vocabulary';

export interface TFlagEscalationOptions {
  reporterId: string;
  sourceChannelId: string;
  sourceMessageTs?: string;
  sourceLink?: string;
  summary: string;
  severity: TSeverity;
  tags: string[];
  customer?: string;
  via: TVia;
  /**
   * A detractor response this escalation is opened from: linked in the same transaction, so that the escalation and
   * the link commit together or not at all. Of two presses at once, the second finds it linked and rolls back.
   */
  fromSurveyResponse?: { id: number; customerId: number; label: string; comment: string | null };
}

/** The escalation as stored; `customerCreated` when this flag created its customer (so a close name can be offered). */
export type TFlaggedEscalation = TEscalation & { customerCreated: boolean };

/** Thrown when `fromSurveyResponse` was linked to another escalation first; nothing was stored. */
export class SurveyResponseAlreadyLinked extends Error {}

/** The card is sent by the process that stored it, at once; another replica takes over if this one dies first. */
const CARD_LEASE_MS = 60_000;

/**
 * Stores a new escalation with its first timeline entry and its card's outbox message in one short transaction of
 * prepared statements, and only then tells Slack. Resolves with the escalation as stored once the card was sent or
 * queued for a retry; `committed` is told as soon as the escalation is stored (the slash command acks then).
 */
export async function flagEscalation(
  deps: TDomainDeps,
  options: TFlagEscalationOptions,
  committed?: (escalation: TEscalation) => void,
): Promise<TFlaggedEscalation> {
  const now = deps.clock.now();
  const { escalation, card } = await deps.db.sql.transaction(async (q) => {
    const found = options.customer ? await findOrCreateCustomerReportingPrepared(q, options.customer, now) : null;
    const customer = found?.customer ?? null;
    const escalation = await insertEscalationPrepared(
      q,
      {
        reporterId: options.reporterId,
        sourceChannelId: options.sourceChannelId,
        sourceMessageTs: options.sourceMessageTs,
        sourceLink: options.sourceLink,
        summary: options.summary,
        severity: options.severity,
        tags: options.tags,
        customerId: customer?.id,
        createdAt: now,
      },
      customer,
    );
    await addTimelineEntryPrepared(q, {
      escalationId: escalation.id,
      actorId: options.reporterId,
      action: 'flagged',
      toValue: 'open',
      via: options.via,
      detail: `severity ${options.severity}`,
      at: now,
    });
    const response = options.fromSurveyResponse;
    if (response) {
      if (!(await linkResponseIfUnlinkedPrepared(q, response.id, escalation.id)))
        throw new SurveyResponseAlreadyLinked();
      await addTimelineEntryPrepared(q, {
        escalationId: escalation.id,
        customerId: response.customerId,
        actorId: options.reporterId,
        action: 'opened from survey response',
        toValue: response.label,
        via: 'button',
        detail: response.comment ? response.comment.slice(0, 500) : undefined,
        at: now,
      });
    }
    const card = await enqueueOutboxLeased(
      q,
      [{ dedupeKey: `escalation:${escalation.id}:card`, message: { kind: 'card.post', escalationId: escalation.id } }],
      now,
      CARD_LEASE_MS,
    );
    return { escalation: { ...escalation, customerCreated: found?.created ?? false }, card };
  });
  committed?.(escalation);
  await deps.outbox.deliverLeased(card, { escalation });
  if (escalation.customer && (options.severity === 'high' || options.severity === 'critical')) {
    await deps.atRisk
      ?.evaluate([{ customer: escalation.customer, causedByEscalationId: escalation.id }], now)
      .catch((error) => deps.onBackgroundError?.('at-risk evaluation after a flag', error));
  }
  return escalation;
}
