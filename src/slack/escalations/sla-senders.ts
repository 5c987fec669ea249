import { findEarlierPost, outboxMetadata } from '../kit/earlier-post';
import type { TOutboxHandlers } from '../kit/outbox-dispatcher';
import { postJoiningIfNeeded } from '../kit/post-joining';
import { postInCardThread } from './escalation-senders';
import { slaBreachUpLine, slaNoticeLine } from './sla-notice-lines';

export const slaOutboxHandlers: Pick<TOutboxHandlers, 'escalation.sla' | 'escalation.sla.up'> = {
  'escalation.sla': (message, context) =>
    postInCardThread(context, message.escalationId, slaNoticeLine(message.escalationId, message.notice).text),

  'escalation.sla.up': async (message, context) => {
    const { delivery } = context;
    const where = { channel: message.channelId, key: delivery.key, since: delivery.since };
    if (delivery.mayHaveBeenSent && (await findEarlierPost(context.client, where))) return;
    await postJoiningIfNeeded(
      context.client,
      {
        channel: message.channelId,
        text: slaBreachUpLine(message.escalationId, message.notice, message.leadsUsergroupId).text,
        metadata: outboxMetadata(delivery.key),
      },
      context.joins,
    );
  },
};
