import type { TSubscribeOutcome, TUnsubscribeOutcome } from '../../core/digests/digest-subscriptions';
import { type Mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { channelMention, mention, section, slackDate, type TMessage } from '../kit/block-limits';
import { describeCron } from './cron-words';
import { DIGEST_TITLES } from './digest-kinds';

// Answers name channels and schedules Advocate knows; `reason` is Slack's error code.
const answer = (text: string, emoji: string): TMessage => ({ text, blocks: [section(trusted(`${emoji} ${text}`))] });

export interface TDigestRunSummary {
  title: string;
  channelId: string;
  /** null: another run holds the lease right now. */
  outcome: 'sent' | 'dry-run' | 'already-sent' | 'unreachable' | 'failed' | 'busy';
  reason?: string;
}

/** The private answer to `/advocate digest [open|nps]`. */
export function digestRunAnswer(summary: TDigestRunSummary): TMessage {
  const where = channelMention(summary.channelId);
  switch (summary.outcome) {
    case 'sent':
      return answer(`Posted the ${summary.title} to ${where}.`, ':white_check_mark:');
    case 'dry-run':
      return answer(
        `DRY_RUN is on, so the ${summary.title} was written to the log instead of being posted to ${where}.`,
        ':memo:',
      );
    case 'busy':
    case 'already-sent':
      return answer(
        `Someone else is posting the ${summary.title} right now; it will be in ${where} in a moment.`,
        ':hourglass:',
      );
    case 'unreachable':
      return answer(
        `I couldn't post the ${summary.title} to ${where} (${summary.reason}). Invite me there with \`/invite @Advocate\`.`,
        ':warning:',
      );
    case 'failed':
      return answer(
        `Slack did not take the ${summary.title} (${summary.reason ?? 'no answer'}). Nothing was posted; try again in a moment.`,
        ':x:',
      );
  }
}

export interface TSubscriptionAnswer {
  title: string;
  kind: string;
  channelId: string;
  cron: string;
  timeZone: string;
  next: Date | null;
  /** Set when the bot cannot see or post in the channel yet. */
  cannotPost?: boolean;
}

/** Subscribing or unsubscribing the advocate channel changes nothing: it always gets every digest. */
const advocateChannelAnswer = (where: Mrkdwn, title: string) =>
  answer(`${where} is the advocate channel: it always receives the ${title}.`, ':information_source:');

export function subscribeAnswer(outcome: TSubscribeOutcome, details: TSubscriptionAnswer): TMessage {
  const where = channelMention(details.channelId);
  const schedule = `${describeCron(details.cron, details.timeZone)}${details.next ? `; next ${slackDate(details.next)}` : ''}`;
  const invite = details.cannotPost
    ? " I can't post in this channel yet: invite me with `/invite @Advocate`, or the digest will be skipped here."
    : '';
  switch (outcome) {
    case 'advocate-channel':
      return advocateChannelAnswer(where, details.title);
    case 'already-subscribed':
      return answer(`${where} already receives the ${details.title} (${schedule}).${invite}`, ':information_source:');
    case 'subscribed':
      return answer(
        `${where} will receive the ${details.title} too (${schedule}). \`/advocate unsubscribe ${details.kind}\` stops it.${invite}`,
        ':white_check_mark:',
      );
  }
}

export function unsubscribeAnswer(
  outcome: TUnsubscribeOutcome,
  details: Pick<TSubscriptionAnswer, 'title' | 'kind' | 'channelId'>,
): TMessage {
  const where = channelMention(details.channelId);
  switch (outcome) {
    case 'advocate-channel':
      return advocateChannelAnswer(where, details.title);
    case 'not-subscribed':
      return answer(`${where} was not subscribed to the ${details.title}; nothing changed.`, ':information_source:');
    case 'unsubscribed':
      return answer(
        `${where} will no longer receive the ${details.title}. \`/advocate subscribe ${details.kind}\` brings it back.`,
        ':white_check_mark:',
      );
  }
}

/** A public channel is subscribed only on purpose: what its readers would see, and how to confirm. */
export function publicChannelAnswer(details: Pick<TSubscriptionAnswer, 'title' | 'kind' | 'channelId'>): TMessage {
  const where = channelMention(details.channelId);
  return answer(
    `${where} is a public channel: anyone in the workspace could read the ${details.title}, with customers' names and complaints, so it was not subscribed. A private channel is subscribed at once; to send it to ${where} anyway, type \`/advocate subscribe ${details.kind} confirm\` here (the advocate channel is told).`,
    ':lock:',
  );
}

/** Posted in the advocate channel whenever a channel starts or stops receiving a digest. */
export function subscriptionAnnouncement(details: {
  userId: string;
  channelId: string;
  title: string;
  subscribed: boolean;
  isPublic?: boolean;
}): TMessage {
  const where = channelMention(details.channelId);
  const who = mention(details.userId);
  const text = details.subscribed
    ? `${who} sent the ${details.title} to ${where} too${details.isPublic ? ' (a public channel, confirmed)' : ''}. \`/advocate unsubscribe\` there stops it.`
    : `${who} stopped the ${details.title} in ${where}.`;
  return answer(text, details.subscribed ? ':satellite_antenna:' : ':no_bell:');
}

/** `/advocate subscribe` alone: each digest's channels, the advocate channel first (it always receives them). */
export function subscriptionsAnswer(advocateChannelId: string, recipients: Record<'open' | 'nps', string[]>): TMessage {
  const line = (kind: 'open' | 'nps') =>
    `*${DIGEST_TITLES[kind]}*: ${[`${channelMention(advocateChannelId)} (always)`, ...recipients[kind].map((id) => `${channelMention(id)}`)].join(', ')}`;
  const text = `Where each digest goes:\n${line('open')}\n${line('nps')}\n\`/advocate subscribe open|nps\` in a channel adds it (a public one needs \`confirm\`).`;
  return answer(text, ':mailbox_with_mail:');
}
