import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { ChannelJoinFailed, classifySlackError } from './slack-errors';

/**
 * The joins in flight, per channel: when Slack says the bot is not in a channel, every message queued for it learns
 * so at once, and one `conversations.join` answers them all instead of one join per message. One per app (owned by
 * the outbox dispatcher), so that replicas and tests never share it by accident.
 */
export class ChannelJoins {
  private readonly inFlight = new Map<string, Promise<void>>();

  join(client: WebClient, channel: string): Promise<void> {
    let joining = this.inFlight.get(channel);
    if (!joining) {
      joining = client.conversations
        .join({ channel })
        .then(
          () => undefined,
          (joinError) => {
            throw new ChannelJoinFailed(joinError);
          },
        )
        .finally(() => this.inFlight.delete(channel));
      this.inFlight.set(channel, joining);
    }
    return joining;
  }
}

/**
 * Posts, joining the channel first when Slack says the bot is not in it, as a person would (public channels only):
 * a channel that subscribed or was configured without inviting the bot still gets its cards and digests. A failed
 * join throws ChannelJoinFailed.
 */
export async function postJoiningIfNeeded(client: WebClient, args: ChatPostMessageArguments, joins: ChannelJoins) {
  try {
    return await client.chat.postMessage(args);
  } catch (error) {
    if (classifySlackError(error).kind !== 'not-in-channel') throw error;
    await joins.join(client, args.channel);
    return client.chat.postMessage(args);
  }
}
