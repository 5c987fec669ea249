import type { KnownBlock } from '@slack/types';
import { classifySlackError } from '../outbox/slack-errors';
import type { TMessage } from '../slack/blocks/limits';
import type { TSlackServices } from '../slack/services';
import type { TDigestContext, TDigestOutput } from './digest-kinds';

/** Slack's answers that mean the bot cannot post in this channel until a person changes something. */
const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Thrown when the channel cannot take the digest; the machinery tells whoever subscribed it. */
export class ChannelUnreachable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Whether this error means "nobody can post here", as opposed to a hiccup that a later attempt may get past. */
export function unreachableReason(error: unknown): string | null {
  if (error instanceof ChannelUnreachable) return error.reason;
  const { reason } = classifySlackError(error);
  return UNREACHABLE.has(reason) ? reason : null;
}

async function postOnce(services: TSlackServices, channel: string, message: TMessage, threadTs?: string) {
  const args = { channel, text: message.text, blocks: message.blocks as KnownBlock[], thread_ts: threadTs };
  try {
    return await services.client.chat.postMessage(args);
  } catch (error) {
    // A public channel that subscribed without inviting the bot: join it, as a person would, and try again.
    if (classifySlackError(error).reason !== 'not_in_channel') throw error;
    await services.client.conversations.join({ channel }).catch((joinError) => {
      throw new ChannelUnreachable(`not_in_channel (joining failed: ${classifySlackError(joinError).reason})`);
    });
    return services.client.chat.postMessage(args);
  }
}

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
