import type { TEscalation } from '../escalations/escalations-repository';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { isSlackUserId } from './account-facts';

export type TOwnerEvent = 'flagged' | 'claimed' | 'reassigned' | 'resolved';

/** The Slack user who owns the account, unless it is unknown, an email Slack does not know, or the person acting. */
export function ownerToTell(owner: string | null | undefined, actorId: string): string | null {
  return owner && isSlackUserId(owner) && owner !== actorId ? owner : null;
}

/**
 * The owner's DM about an escalation of their account, keyed so that a retried or replayed change tells them once:
 * the flag by escalation, a change by the version it produced.
 */
export function ownerNoticeItems(
  escalation: Pick<TEscalation, 'id' | 'customer'>,
  event: TOwnerEvent,
  actorId: string,
  version?: number,
): TOutboxItem[] {
  const userId = ownerToTell(escalation.customer?.owner, actorId);
  if (!userId) return [];
  const dedupeKey =
    event === 'flagged' || version === undefined
      ? outboxKey.escalationFlaggedOwner(escalation.id)
      : outboxKey.escalationChange(escalation.id, version, 'owner');
  return [{ dedupeKey, message: { kind: 'owner.notice', userId, escalationId: escalation.id, event, actorId } }];
}
