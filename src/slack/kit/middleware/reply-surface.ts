import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { publishHome } from '../../home/app-home-opened';
import type { TMessage } from '../block-limits';
import { OUTGOING_TIMEOUT_MS } from '../fetch-with-timeout';
import type { TBlockAction } from '../payloads';
import type { TSlackServices } from '../slack-services';
import { isSlackUrl } from '../slack-urls';
import type { TReply } from './context';

/** Answers only the person who typed, pressed or submitted. */
export const privately = (message: TMessage | { text: string; blocks?: unknown[] }) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  ...message,
});

/** A text-only answer is sent without its empty block list. */
const content = (message: TMessage) => (message.blocks.length > 0 ? message : { text: message.text });

/**
 * Where a button's answer goes: an ephemeral reply where it was pressed; on the App Home (which has no response_url)
 * either the tab republished with the answer as its notice, or, for an answer worth keeping (a profile), a DM.
 */
export function replySurface(
  services: TSlackServices,
  action: TBlockAction,
  respond: RespondFn | undefined,
  onHome: 'notice' | 'direct message' = 'notice',
): TReply {
  const userId = action.user.id;
  const fromHome = action.view?.type === 'home' || !respond || !action.response_url;
  if (!fromHome) return async (message) => void (await respond(privately(content(message))));
  if (onHome === 'notice') return (message) => publishHome(services, userId, message.text);
  return async (message) => void (await services.client.chat.postMessage({ channel: userId, ...content(message) }));
}

/**
 * An ephemeral in the channel, or a DM when Slack refuses one (the person is not in the channel, or there is none:
 * a modal opened from the App Home).
 */
export function ephemeralOrDirect(client: WebClient, userId: string, channelId: string | undefined): TReply {
  return async (message) => {
    if (channelId) {
      const shown = await client.chat
        .postEphemeral({ channel: channelId, user: userId, ...content(message) })
        .then(() => true)
        .catch(() => false);
      if (shown) return;
    }
    await client.chat.postMessage({ channel: userId, ...content(message) });
  };
}

/** Privately where a modal was started from (its response_url), or a DM when there is none or it has expired. */
export function responseUrlOrDirect(client: WebClient, userId: string, responseUrl: string | undefined): TReply {
  return async (message) => {
    // The URL comes from private_metadata: used only when it is Slack's (or the configured API host's).
    if (responseUrl && isSlackUrl(responseUrl, client.slackApiUrl)) {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(privately(content(message))),
        signal: AbortSignal.timeout(OUTGOING_TIMEOUT_MS),
      }).catch(() => null);
      if (response?.ok) return;
    }
    await client.chat.postMessage({ channel: userId, ...content(message) });
  };
}
