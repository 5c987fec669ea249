import type { App } from '@slack/bolt';
import { z } from 'zod';
import { slackErrorReason } from '../../../outbox/slack-errors';
import { decodeSlackEntities } from '../../../text/slack-text';
import { intakeModal } from '../../blocks/intake-modal';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';

const ZMessageShortcut = z.object({
  type: z.literal('message_action'),
  trigger_id: z.string(),
  response_url: z.string().url().optional(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({ ts: z.string(), text: z.string().optional() }).passthrough(),
});

/** "Flag for advocacy" on a message: the intake form, prefilled with the message's text and permalink. */
export function registerFlagShortcut(app: App, services: TSlackServices) {
  app.shortcut(CallbackId.FlagShortcut, async ({ shortcut, ack, client }) => {
    await ack();
    const parsed = ZMessageShortcut.safeParse(shortcut);
    if (!parsed.success) {
      services.logger.warn('flag_for_advocacy: unexpected payload', parsed.error.issues[0]);
      return;
    }
    const { channel, message, trigger_id, response_url } = parsed.data;
    const link = await client.chat
      .getPermalink({ channel: channel.id, message_ts: message.ts })
      .then((result) => result.permalink)
      .catch((error) => {
        services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
        return undefined;
      });
    await client.views.open({
      trigger_id,
      view: intakeModal(
        { channelId: channel.id, messageTs: message.ts, responseUrl: response_url },
        { summary: message.text === undefined ? undefined : decodeSlackEntities(message.text), link },
      ),
    });
  });
}
