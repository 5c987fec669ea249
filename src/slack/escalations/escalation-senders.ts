import {
  findEscalation,
  readCardState,
  recordCardPosted,
  type TEscalation,
} from '../../core/escalations/escalations-repository';
import type { TSqlQueryable } from '../../core/shared/db/sql';
import { atRiskAnnouncementMessage } from '../customers/at-risk-views';
import { atRiskCrowdLine } from '../customers/customer-notices';
import { digestUnreachableNotice } from '../digests/digest-notices';
import { directChannelOf, findEarlierPost, outboxMetadata } from '../kit/earlier-post';
import { NotYet, type TOutboxHandlers, type TSendContext } from '../kit/outbox-dispatcher';
import { postJoiningIfNeeded } from '../kit/post-joining';
import { stormThreadOf } from '../storms/storm-placement';
import { themeResolvedNotice } from '../themes/theme-events';
import { escalationCard } from './escalation-card';
import { escalationEventLine, reporterNotice, slaReminderLine } from './escalation-events';
import { escalationNoteLine } from './escalation-notes';
import { flagConfirmation } from './flag-confirmation';

/**
 * The escalation as it is now: the caller's copy when it is still the current version (one indexed read instead of
 * loading it again with its customer, theme and tags), else freshly read.
 */
async function loadPostedCard(context: TSendContext, escalationId: number): Promise<TEscalation> {
  const hint = context.hints.escalation;
  if (hint?.id === escalationId) {
    const card = await readCardState(context.db.sql, escalationId);
    if (card?.version === hint.version) return { ...hint, ...card };
  }
  const escalation = await findEscalation(context.db.sql, escalationId);
  if (!escalation) throw new Error(`escalation ${escalationId} no longer exists`);
  return escalation;
}

/** The card's permalink for a DM; a DM without it is still worth sending. */
async function cardLinkOf(context: TSendContext, escalationId: number): Promise<string | null> {
  try {
    // A change just made hints its escalation, card included: no read for it.
    const hint = context.hints.escalation;
    const card = hint?.id === escalationId && hint.cardTs ? hint : await readCardState(context.db.sql, escalationId);
    if (!card?.cardTs || !card.cardChannelId) return null;
    if (context.permalinks) return await context.permalinks.of(card.cardChannelId, card.cardTs);
    const answer = await context.client.chat.getPermalink({ channel: card.cardChannelId, message_ts: card.cardTs });
    return answer.permalink ?? null;
  } catch (error) {
    context.logger.warn(`no link to ADV-${escalationId}'s card for its reporter:`, error);
    return null;
  }
}

/** A line in the card's thread, once the card is posted; not again if an earlier attempt may have posted it. */
export async function postInCardThread(context: TSendContext, escalationId: number, text: string) {
  // A posted card never moves: the caller's copy is enough to find its thread.
  const hint = context.hints.escalation;
  const escalation = hint?.id === escalationId && hint.cardTs ? hint : await loadPostedCard(context, escalationId);
  if (!escalation.cardTs || !escalation.cardChannelId) throw new NotYet(5_000, 'card not posted yet');
  const { delivery } = context;
  const where = { channel: escalation.cardChannelId, key: delivery.key, since: delivery.since };
  if (delivery.mayHaveBeenSent && (await findEarlierPost(context.client, { ...where, threadTs: escalation.cardTs })))
    return;
  await context.client.chat.postMessage({
    channel: escalation.cardChannelId,
    thread_ts: escalation.cardTs,
    text,
    metadata: outboxMetadata(delivery.key),
  });
}

/** A DM; not again if an earlier attempt may have sent it. */
async function sendDirectMessage(context: TSendContext, userId: string, text: string) {
  const { delivery } = context;
  if (delivery.mayHaveBeenSent) {
    const channel = await directChannelOf(context.client, userId);
    if (await findEarlierPost(context.client, { channel, key: delivery.key, since: delivery.since })) return;
  }
  await context.client.chat.postMessage({ channel: userId, text, metadata: outboxMetadata(delivery.key) });
}

export const escalationOutboxHandlers: Pick<
  TOutboxHandlers,
  | 'card.post'
  | 'flag.confirmation'
  | 'card.update'
  | 'escalation.event'
  | 'escalation.note'
  | 'escalation.reminder'
  | 'reporter.notice'
  | 'theme.resolved.notice'
  | 'customer.at-risk'
  | 'customers.at-risk.crowd'
  | 'digest.unreachable'
> = {
  'card.post': async (message, context) => {
    const escalation = await loadPostedCard(context, message.escalationId);
    if (escalation.cardTs) return; // posted by an earlier attempt that timed out after Slack accepted it
    const { delivery } = context;
    const record = (channel: string, ts: string) => {
      // The flag that asked for this card reads where it went from its own copy, without another query.
      if (context.hints.escalation?.id === escalation.id)
        Object.assign(context.hints.escalation, { cardChannelId: channel, cardTs: ts, postState: 'posted' });
      return (q: TSqlQueryable) => recordCardPosted(q, escalation.id, channel, ts);
    };
    // In a storm the card goes to the storm message's thread (decided from the database, the same on every replica).
    const threadTs = await stormThreadOf(context, escalation);
    if (delivery.mayHaveBeenSent) {
      const channel = context.advocateChannelId;
      const where = { channel, key: delivery.key, since: delivery.since, ...(threadTs ? { threadTs } : {}) };
      const earlier = await findEarlierPost(context.client, where);
      if (earlier) return record(channel, earlier);
    }
    const card = escalationCard(escalation, context.clock.now(), context.sla);
    const posted = await postJoiningIfNeeded(
      context.client,
      {
        channel: context.advocateChannelId,
        text: card.text,
        blocks: card.blocks,
        metadata: outboxMetadata(delivery.key),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      context.joins,
    );
    return record(posted.channel ?? context.advocateChannelId, posted.ts!);
  },

  // Reached only when the process that took the flag died before confirming it from memory (its lease ran out or a
  // restart took it back): a DM, since the command's response_url may be gone by then, and a DM can be looked up.
  'flag.confirmation': async (message, context) => {
    const escalation = await findEscalation(context.db.sql, message.escalationId);
    if (!escalation) return;
    const { text, blocks } = flagConfirmation(escalation, null, context.advocateChannelId);
    const { delivery } = context;
    if (delivery.mayHaveBeenSent) {
      const channel = await directChannelOf(context.client, escalation.reporterId);
      if (await findEarlierPost(context.client, { channel, key: delivery.key, since: delivery.since })) return;
    }
    await context.client.chat.postMessage({
      channel: escalation.reporterId,
      text,
      blocks,
      metadata: outboxMetadata(delivery.key),
    });
  },

  'card.update': async (message, context) => {
    const escalation = await loadPostedCard(context, message.escalationId);
    // Not posted yet: the pending card.post renders the current state, so there is nothing to update.
    if (!escalation.cardTs || !escalation.cardChannelId) return;
    const card = escalationCard(escalation, context.clock.now(), context.sla);
    await context.client.chat.update({
      channel: escalation.cardChannelId,
      ts: escalation.cardTs,
      text: card.text,
      blocks: card.blocks,
    });
  },

  'escalation.event': (message, context) =>
    postInCardThread(context, message.escalationId, escalationEventLine(message.event).text),
  'escalation.note': (message, context) =>
    postInCardThread(context, message.escalationId, escalationNoteLine(message.escalationId, message.note).text),
  'escalation.reminder': (message, context) =>
    postInCardThread(context, message.escalationId, slaReminderLine(message.escalationId, message.reminder).text),

  'reporter.notice': async (message, context) =>
    sendDirectMessage(
      context,
      message.userId,
      reporterNotice(message, await cardLinkOf(context, message.escalationId)).text,
    ),
  'theme.resolved.notice': (message, context) =>
    sendDirectMessage(context, message.userId, themeResolvedNotice(message)),
  'digest.unreachable': (message, context) =>
    sendDirectMessage(context, message.userId, digestUnreachableNotice(message).text),

  'customer.at-risk': async (message, context) => {
    const { text, blocks } = atRiskAnnouncementMessage(message.announcement);
    await postJoiningIfNeeded(context.client, { channel: message.channelId, text, blocks }, context.joins);
  },

  'customers.at-risk.crowd': async (message, context) => {
    await postJoiningIfNeeded(
      context.client,
      { channel: message.channelId, text: atRiskCrowdLine(message).text },
      context.joins,
    );
  },
};
