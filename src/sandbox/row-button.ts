import { type AppResponse, blockActionsBody, DEFAULT_APP, postToApp, type SlackStandIn } from '../slack-standin';
import { messageJson, payloadChannelName } from '../slack-standin/shapes';
import { isObj, objects } from './render/elements';

/** Where the stand-in delivers to; known once the app is listening. */
export interface TAppEndpoint {
  eventsUrl: string;
  signingSecret: string;
}

export interface TRowButton {
  user: string;
  channel: string;
  ts: string;
  actionId: string;
  blockId: string;
}

function buttonsIn(blocks: unknown, actionId: string) {
  return objects(blocks).flatMap((block) =>
    (Array.isArray(block.elements) ? block.elements : [block.accessory])
      .filter((element) => isObj(element) && element.type === 'button' && element.action_id === actionId)
      .map((button) => ({ button: button as Record<string, unknown>, blockId: String(block.block_id) })),
  );
}

/** True when a message repeats this button on several rows, so only its block says which one was pressed. */
export function isRowButton(standIn: SlackStandIn, channelId: string, ts: string, actionId: string): boolean {
  return buttonsIn(standIn.ws.findMessage(channelId, ts)?.blocks, actionId).length > 1;
}

/**
 * Presses one row's button in a message that repeats it (a digest's "Open escalation" on each detractor, "Create
 * theme" on each suggestion). `SlackStandIn.clickButton` takes the first button with the action_id, so this sends
 * the same block_actions payload for the row the person pressed, signed and delivered as Slack would.
 */
export async function clickRowButton(
  standIn: SlackStandIn,
  endpoint: TAppEndpoint,
  input: TRowButton,
): Promise<AppResponse> {
  const { ws } = standIn;
  const user = ws.users.get(input.user);
  const channel = ws.channels.get(input.channel);
  const message = ws.findMessage(input.channel, input.ts);
  if (!user || user.isBot) throw new Error(`stand-in: no person ${input.user}`);
  if (!channel?.members.has(input.user)) throw new Error(`stand-in: ${input.user} is not in ${input.channel}`);
  if (!message) throw new Error(`stand-in: ${input.user} sees no message ${input.ts} in ${input.channel}`);
  const found = buttonsIn(message.blocks, input.actionId).find((b) => b.blockId === input.blockId);
  if (!found) throw new Error(`stand-in: no button ${input.actionId} in block ${input.blockId} on message ${input.ts}`);
  const { button } = found;
  const app = {
    ...DEFAULT_APP,
    teamId: ws.team.id,
    teamDomain: ws.team.domain,
    apiAppId: ws.bot.appId,
    botUserId: ws.bot.userId,
  };
  const body = blockActionsBody(
    {
      user: { id: user.id, name: user.name },
      channel: { id: channel.id, name: payloadChannelName(channel) },
      container: {
        type: 'message',
        message_ts: input.ts,
        channel_id: input.channel,
        is_ephemeral: false,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      },
      message: messageJson(ws, message),
      actions: [
        {
          action_id: input.actionId,
          block_id: input.blockId,
          type: 'button',
          ...(isObj(button.text) ? { text: button.text } : {}),
          ...(typeof button.value === 'string' ? { value: button.value } : {}),
          ...(typeof button.style === 'string' ? { style: button.style } : {}),
        },
      ],
      responseUrl: standIn.createResponseUrl({ channelId: input.channel, userId: input.user, messageTs: input.ts }),
      triggerId: standIn.issueTrigger(input.user),
    },
    app,
  );
  return postToApp(endpoint.eventsUrl, endpoint.signingSecret, body, 'application/x-www-form-urlencoded');
}
