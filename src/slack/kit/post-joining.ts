import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { ChannelJoinFailed, classifySlackError } from './slack-errors';

/**
 * Posts, joining the channel first when Slack says the bot is not in it, as a person would (public channels only):
 * a channel that subscribed or was configured without inviting the bot still gets its cards and digests. A failed
 * join throws ChannelJoinFailed.
 */
export async function postJoiningIfNeeded(client: WebClient, args: ChatPostMessageArguments) {
  try {
    return await client.chat.postMessage(args);
  } catch (error) {
    if (classifySlackError(error).kind !== 'not-in-channel') throw error;
    await client.conversations.join({ channel: args.channel }).catch((joinError) => {
      throw new ChannelJoinFailed(joinError);
    });
    return client.chat.postMessage(args);
  }
}
