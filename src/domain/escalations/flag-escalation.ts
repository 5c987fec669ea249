import { findOrCreateCustomerReportingPrepared, type TCustomer } from '../../db/repositories/customers';
import {
  storeFlagInOneStatement,
  storeFlagInTransaction,
  type TFlagWrite,
  type TStoredFlag,
} from '../../db/repositories/escalation-flag';
import type { TEscalation } from '../../db/repositories/escalations';
import { linkResponseIfUnlinkedPrepared } from '../../db/repositories/surveys';
import { addTimelineEntryPrepared, type TVia } from '../../db/repositories/timeline';
import type { TSqlQueryable } from '../../db/sql';
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
 * prepared statements (on PostgreSQL, one statement), and only then tells Slack. Resolves with the escalation as stored once the card was sent or
 * queued for a retry; `committed` is told as soon as the escalation is stored (the slash command acks then).
 */
export async function flagEscalation(
  deps: TDomainDeps,
  options: TFlagEscalationOptions,
  committed?: (escalation: TEscalation) => void,
): Promise<TFlaggedEscalation> {
  const now = deps.clock.now();
  const { sql } = deps.db;
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
  });
  const response = options.fromSurveyResponse;
  let stored: TStoredFlag;
  let customerCreated = false;
  const customerOf = async (q: TSqlQueryable) => {
    if (!options.customer) return null;
    const found = await findOrCreateCustomerReportingPrepared(q, options.customer, now);
    customerCreated = found.created;
    return found.customer;
  };
  if (sql.provider === 'postgresql' && !response) {
    // One round trip for the flag itself; a customer named for the first time is created just before (harmless if
    // the flag then fails: it would have been created by its next mention anyway).
    stored = await storeFlagInOneStatement(sql, write(await customerOf(sql)), now);
  } else {
    stored = await sql.transaction(async (q) => {
      const flag = await storeFlagInTransaction(q, write(await customerOf(q)), now);
      if (response) {
        if (!(await linkResponseIfUnlinkedPrepared(q, response.id, flag.escalation.id)))
          throw new SurveyResponseAlreadyLinked();
        await addTimelineEntryPrepared(q, {
          escalationId: flag.escalation.id,
          customerId: response.customerId,
          actorId: options.reporterId,
          action: 'opened from survey response',
          toValue: response.label,
          via: 'button',
          detail: response.comment ? response.comment.slice(0, 500) : undefined,
          at: now,
        });
      }
      return flag;
    });
  }
  const escalation: TFlaggedEscalation = { ...stored.escalation, customerCreated };
  const { card } = stored;
  committed?.(escalation);
  await deps.outbox.deliverLeased(card, { escalation });
  if (escalation.customer && (options.severity === 'high' || options.severity === 'critical')) {
    await deps.atRisk
      ?.evaluate([{ customer: escalation.customer, causedByEscalationId: escalation.id }], now)
      .catch((error) => deps.onBackgroundError?.('at-risk evaluation after a flag', error));
  }
  return escalation;
}
