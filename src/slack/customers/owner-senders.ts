import type { KnownBlock } from '@slack/types';
import { findCustomerById } from '../../core/customers/customers-repository';
import { findEscalation } from '../../core/escalations/escalations-repository';
import { findTheme } from '../../core/themes/themes-repository';
import { directChannelOf, findEarlierPost, outboxMetadata } from '../kit/earlier-post';
import { NotYet, type TOutboxHandlers, type TSendContext } from '../kit/outbox-dispatcher';
import { ownerAtRiskMessage, ownerNoticeMessage, ownerThemeResolvedMessage } from './owner-views';

/** A DM with blocks; not again if an earlier attempt may have sent it. */
async function sendOwnerDm(context: TSendContext, userId: string, text: string, blocks: KnownBlock[]) {
  const { delivery } = context;
  if (delivery.mayHaveBeenSent) {
    const channel = await directChannelOf(context.client, userId);
    if (await findEarlierPost(context.client, { channel, key: delivery.key, since: delivery.since })) return;
  }
  await context.client.chat.postMessage({ channel: userId, text, blocks, metadata: outboxMetadata(delivery.key) });
}

/** How the account owner hears of their accounts: escalations, at-risk turns, resolved themes. */
export const ownerOutboxHandlers: Pick<TOutboxHandlers, 'owner.notice' | 'owner.at-risk' | 'owner.theme-resolved'> = {
  'owner.notice': async (message, context) => {
    const escalation = await findEscalation(context.db.sql, message.escalationId);
    if (!escalation) return;
    // The DM links to the card, so it waits for the card.
    if (!escalation.cardTs || !escalation.cardChannelId) throw new NotYet(5_000, 'card not posted yet');
    const permalink = await context.client.chat
      .getPermalink({ channel: escalation.cardChannelId, message_ts: escalation.cardTs })
      .then((answer) => answer.permalink)
      .catch(() => undefined);
    const { text, blocks } = ownerNoticeMessage(escalation, message.event, message.actorId, permalink);
    await sendOwnerDm(context, message.userId, text, blocks);
  },
  'owner.at-risk': async (message, context) => {
    const { text, blocks } = ownerAtRiskMessage(message.announcement);
    await sendOwnerDm(context, message.userId, text, blocks);
  },
  'owner.theme-resolved': async (message, context) => {
    const [theme, customer] = [
      await findTheme(context.db.prisma, message.themeId),
      await findCustomerById(context.db.prisma, message.customerId),
    ];
    if (!theme || !customer) return;
    const { text, blocks } = ownerThemeResolvedMessage({
      themeId: theme.id,
      title: theme.title,
      note: theme.resolutionNote,
      customerId: customer.id,
      customerName: customer.name,
    });
    await sendOwnerDm(context, message.userId, text, blocks);
  },
};
