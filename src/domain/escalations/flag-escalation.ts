import type { TTransaction } from '../../db/client';
import { findOrCreateCustomer } from '../../db/repositories/customers';
import { insertEscalation, type TEscalation } from '../../db/repositories/escalations';
import { enqueueOutbox } from '../../db/repositories/outbox';
import { addTimelineEntry, type TVia } from '../../db/repositories/timeline';
import type { TDomainDeps } from '../deps';
import type { TOutboxItem } from '../outbox/messages';
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
}

/** Hooks later capabilities add to flagging (e.g. attaching a customer's recent detractor responses). */
export type TFlagHook = (tx: TTransaction, escalation: TEscalation, now: Date) => Promise<TOutboxItem[] | undefined>;
const flagHooks: TFlagHook[] = [];
export const onEscalationFlagged = (hook: TFlagHook) => flagHooks.push(hook);

/**
 * Stores a new escalation with its first timeline entry and queues its card, in one transaction; only then is
 * Slack told. Returns the escalation as stored (the card may or may not have been posted).
 */
export async function flagEscalation(deps: TDomainDeps, options: TFlagEscalationOptions): Promise<TEscalation> {
  const now = deps.clock.now();
  const { escalation, outboxIds } = await deps.db.prisma.$transaction(async (tx) => {
    const customer = options.customer ? await findOrCreateCustomer(tx, options.customer) : null;
    const escalation = await insertEscalation(
      tx,
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
    await addTimelineEntry(tx, {
      escalationId: escalation.id,
      actorId: options.reporterId,
      action: 'flagged',
      toValue: 'open',
      via: options.via,
      detail: `severity ${options.severity}`,
      at: now,
    });
    const items: TOutboxItem[] = [
      { dedupeKey: `escalation:${escalation.id}:card`, message: { kind: 'card.post', escalationId: escalation.id } },
    ];
    for (const hook of flagHooks) items.push(...((await hook(tx, escalation, now)) ?? []));
    const outboxIds = await enqueueOutbox(tx, items, now);
    return { escalation, outboxIds };
  });
  await deps.outbox.deliver(outboxIds);
  return escalation;
}
