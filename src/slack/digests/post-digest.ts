import type { KnownBlock } from '@slack/types';
import type { TMessage } from '../kit/block-limits';
import { postJoiningIfNeeded } from '../kit/post-joining';
import { ChannelJoinFailed, classifySlackError } from '../kit/slack-errors';
import { withSlackPriority } from '../kit/slack-pacer';
import type { TSlackServices } from '../kit/slack-services';
import { waitingOutThrottle } from '../kit/throttle-patience';
import type { TDigestContext, TDigestOutput } from './digest-kinds';

/** Why nobody can post the digest in this channel until a person changes something; null for a passing hiccup. */
export function unreachableReason(error: unknown): string | null {
  const failure = classifySlackError(error);
  if (!failure.channelUnreachable) return null;
  return error instanceof ChannelJoinFailed ? error.message : failure.reason;
}

const postOnce = (services: TSlackServices, channel: string, message: TMessage, threadTs?: string) =>
  waitingOutThrottle(() =>
    withSlackPriority('digest', () =>
      postJoiningIfNeeded(
        services.client,
        { channel, text: message.text, blocks: message.blocks as KnownBlock[], thread_ts: threadTs },
        services.dispatcher.joins,
      ),
    ),
  );

/**
 * Posts a digest: the first message in the channel, any continuation in its thread so a long digest is one item in
 * the channel. In a dry run nothing is posted and the blocks are logged. Returns what was (or would be) posted.
 */
export async function postDigestMessages(
  services: TSlackServices,
  channelId: string,
  messages: TMessage[],
  context: Pick<TDigestContext, 'dryRun'>,
): Promise<TDigestOutput> {
  if (context.dryRun) {
    for (const [index, message] of messages.entries())
      services.logger.info(
        `dry run: digest for ${channelId}, message ${index + 1} of ${messages.length}: ${JSON.stringify(message)}`,
      );
    return messages;
  }
  const [first, ...rest] = messages;
  if (!first) return [];
  const posted = await postOnce(services, channelId, first);
  for (const message of rest) {
    try {
      await postOnce(services, posted.channel ?? channelId, message, posted.ts);
    } catch (error) {
      // The digest is already in the channel; posting it again for a missing continuation would duplicate it.
      services.logger.warn(`digest continuation to ${channelId} failed (${classifySlackError(error).reason})`);
      return messages.slice(0, messages.indexOf(message));
    }
  }
  return messages;
}
