import type { TSubscribeOutcome, TUnsubscribeOutcome } from '../../core/digests/digest-subscriptions';
import { type Mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { channelMention, section, slackDate, type TMessage } from '../kit/block-limits';
import { describeCron } from './cron-words';

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
