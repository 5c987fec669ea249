import type { TOutboxMessage } from '../../core/shared/outbox/outbox-messages';
import { channelMention, type Mrkdwn, mrkdwn } from '../../core/shared/text/mrkdwn';
import { DIGEST_TITLES } from './digest-kinds';

type TUnreachable = Extract<TOutboxMessage, { kind: 'digest.unreachable' }>;

/** The DM to whoever subscribed a channel the digest could not be posted in. */
export function digestUnreachableNotice(notice: Pick<TUnreachable, 'digest' | 'channelId' | 'reason'>): Mrkdwn {
  const title = DIGEST_TITLES[notice.digest as keyof typeof DIGEST_TITLES] ?? `${notice.digest} digest`;
  // The reason is Slack's error code, or a thrown error's message: outside text like any other.
  return mrkdwn`:warning: I couldn't post the ${title} to ${channelMention(notice.channelId)} (${notice.reason}), so it was skipped there. Invite me with \`/invite @Advocate\` in that channel, or run \`/advocate unsubscribe ${notice.digest}\` there to stop it.`;
}
