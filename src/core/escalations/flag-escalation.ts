import { findCustomerOfChannel, findOrCreateCustomer, type TCustomer } from '../customers/customers-repository';
import { ownerNoticeItems } from '../customers/owner-notices';
import type { TSqlQueryable } from '../shared/db/sql';
import type { TDomainDeps } from '../shared/deps';
import { markOutboxSent } from '../shared/outbox/outbox-repository';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { runPreparedUnitOfWork } from '../shared/unit-of-work';
import { linkResponseIfUnlinked } from '../surveys/surveys-repository';
import type { TSeverity } from './escalation-vocabulary';
import type { TEscalation } from './escalations-repository';
import { storeFlagInOneStatement, storeFlagInTransaction, type TFlagWrite } from './escalations-repository-flag';

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
  /**
   * The caller confirms to the agent from memory after the ack: queue that confirmation with the flag, so that if
   * this process dies before it has, the outbox sends it (see `flagConfirmed`).
   */
  queueConfirmation?: boolean;
}

/** The escalation as stored; `customerCreated` when this flag created its customer (so a close name can be offered). */
export type TFlaggedEscalation = TEscalation & {
  customerCreated: boolean;
  /** The queued confirmation (`queueConfirmation`), to mark sent with `flagConfirmed` once the agent has it. */
  confirmationOutboxId: number | null;
};

/** Thrown when `fromSurveyResponse` was linked to another escalation first; nothing was stored. */
export class SurveyResponseAlreadyLinked extends Error {}

/** The card is sent by the process that stored it, at once; another replica takes over if this one dies first. */
const CARD_LEASE_MS = 60_000;

/**
 * Stores a new escalation with its first timeline entry and its card's outbox message in one short transaction of
 * prepared statements (on PostgreSQL, one statement), and only then tells Slack. Resolves with the escalation as stored once the card was sent or
 * queued for a retry; `committed` is told as soon as the escalation is stored (the slash command acks then).
 */
export async function flagEscalation(
  deps: TDomainDeps,
  options: TFlagEscalationOptions,
  committed?: (escalation: TEscalation) => void,
): Promise<TFlaggedEscalation> {
  const response = options.fromSurveyResponse;
  // One round trip for the flag itself on PostgreSQL; a customer named for the first time is created just before
  // (harmless if the flag then fails: it would have been created by its next mention anyway).
  const oneStatement = deps.db.provider === 'postgresql' && !response;
  const { escalation, now } = await runPreparedUnitOfWork<{ escalation: TFlaggedEscalation; now: Date }>(
    deps,
    {
      oneStatement,
      committed: (stored) => committed?.(stored.escalation),
    },
    async ({ q, now, queue, queueLeased, hint }) => {
      const write = (customer: TCustomer | null): TFlagWrite => ({
        escalation: {
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
        timeline: { actorId: options.reporterId, via: options.via, detail: `severity ${options.severity}` },
        cardLeaseUntil: new Date(now.getTime() + CARD_LEASE_MS),
        confirmation: options.queueConfirmation === true,
      });
      let customerCreated = false;
      let customer: TCustomer | null = null;
      if (options.customer) {
        const found = await findOrCreateCustomer(q, options.customer, now);
        customerCreated = found.created;
        customer = found.customer;
      } else if (!response) {
        // A channel linked to a customer (a Slack Connect channel shared with it) names that customer.
        customer = await findCustomerOfChannel(q, options.sourceChannelId);
      }
      const stored = oneStatement
        ? await storeFlagInOneStatement(q, write(customer), now)
        : await storeFlagInTransaction(q, write(customer), now);
      if (response) await linkSurveyResponse(q, response, stored.escalation.id, options.reporterId, now);
      const escalation: TFlaggedEscalation = {
        ...stored.escalation,
        customerCreated,
        confirmationOutboxId: stored.confirmationOutboxId,
      };
      queueLeased(stored.card);
      queue(ownerNoticeItems(stored.escalation, 'flagged', options.reporterId));
      hint({ escalation });
      return { escalation, now };
    },
  );
  if (escalation.customer && (options.severity === 'high' || options.severity === 'critical')) {
    await deps.atRisk
      ?.evaluate([{ customer: escalation.customer, causedByEscalationId: escalation.id }], now)
      .catch((error) => deps.onBackgroundError?.('at-risk evaluation after a flag', error));
  }
  return escalation;
}

/**
 * The agent was told (the caller's confirmation from memory went out): the queued copy is not needed. One statement;
 * a failure only means the agent may hear twice, as a DM, after the lease runs out.
 */
export async function flagConfirmed(deps: TDomainDeps, confirmationOutboxId: number): Promise<void> {
  await markOutboxSent(deps.db.sql, [confirmationOutboxId], deps.clock.now());
}

async function linkSurveyResponse(
  q: TSqlQueryable,
  response: NonNullable<TFlagEscalationOptions['fromSurveyResponse']>,
  escalationId: number,
  actorId: string,
  now: Date,
) {
  if (!(await linkResponseIfUnlinked(q, response.id, escalationId))) throw new SurveyResponseAlreadyLinked();
  await addTimelineEntry(q, {
    escalationId,
    customerId: response.customerId,
    actorId,
    action: 'opened from survey response',
    toValue: response.label,
    via: 'button',
    detail: response.comment ? response.comment.slice(0, 500) : undefined,
    at: now,
  });
}
