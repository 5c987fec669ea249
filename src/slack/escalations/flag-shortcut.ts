import type { App, MessageShortcut } from '@slack/bolt';
import { z } from 'zod';
import { customerOfChannel } from '../../core/customers/link-channel';
import { decodeSlackEntities } from '../../core/shared/text/mrkdwn';
import { CallbackId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { responseUrlOrDirect } from '../kit/middleware/reply-surface';
import { replyThrough } from '../kit/middleware/reply-where';
import { subject } from '../kit/middleware/subject';
import { slackErrorReason } from '../kit/slack-errors';
import type { TSlackServices } from '../kit/slack-services';
import { intakeModal } from './intake-modal';

const ZMessageShortcut = z.object({
  type: z.literal('message_action'),
  trigger_id: z.string(),
  response_url: z.string().url().optional(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({ ts: z.string(), text: z.string().optional() }).passthrough(),
});

type TShortcutContext = TListenerContext<z.infer<typeof ZMessageShortcut>>;

/** "Flag for advocacy" on a message: the intake form, prefilled with the message's text and permalink. */
export const onFlagShortcut =
  (services: TSlackServices): TMiddleware<TShortcutContext> =>
  async ({ context, client }) => {
    const { channel, message, trigger_id, response_url } = context.subject;
    const linked = await customerOfChannel(services.deps, channel.id);
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
        {
          summary: message.text === undefined ? undefined : decodeSlackEntities(message.text),
          link,
          ...(linked ? { customer: linked.name } : {}),
        },
      ),
    });
  };

export function registerFlagShortcut(app: App, services: TSlackServices) {
  app.shortcut<MessageShortcut, TShortcutContext>(
    CallbackId.FlagShortcut,
    subject(services.logger, ZMessageShortcut),
    replyThrough<Partial<TShortcutContext>>(({ client, context }) =>
      responseUrlOrDirect(client, context.subject!.user.id, context.subject!.response_url),
    ),
    advocatesOnly(services, 'canFlag', 'flag conversations'),
    onFlagShortcut(services),
  );
}
