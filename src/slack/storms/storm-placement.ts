import type { TEscalation } from '../../core/escalations/escalations-repository';
import { stormForCard } from '../../core/storms/storm-rule';
import { NotYet, type TSendContext } from '../kit/outbox-dispatcher';

/**
 * The thread an escalation's card goes to: its storm's message, or none (a top-level card). Until the storm's
 * message is in Slack the card waits (NotYet), so that no storm card is ever posted on its own.
 */
export async function stormThreadOf(context: TSendContext, escalation: TEscalation): Promise<string | null> {
  if (!context.storms) return null;
  const placed = await stormForCard(
    context.db,
    context.storms,
    context.advocateChannelId,
    escalation,
    context.clock.now(),
  );
  if (!placed) return null;
  if (!placed.storm.messageTs) throw new NotYet(1_000, `storm ${placed.storm.id}'s message not posted yet`);
  return placed.storm.messageTs;
}
