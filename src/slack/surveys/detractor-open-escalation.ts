import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { findEscalationById } from '../../core/escalations/escalation-queries';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { openEscalationForResponse } from '../../core/surveys/open-escalation-for-response';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { type TBlockAction, ZJsonText } from '../kit/payloads';
import { slackErrorReason } from '../kit/slack-errors';
import type { TSlackServices } from '../kit/slack-services';
import { detractorOpenedText, withDetractorHandled } from './survey-detractors';

export const ZDetractorButtonValue = ZJsonText.pipe(z.object({ responseId: z.number().int().positive() }));
export const ZDetractorButton = pressed(ZDetractorButtonValue);

const ZDigestMessage = z.object({ ts: z.string(), text: z.string().default(''), blocks: z.array(z.unknown()) });

/** Takes the button off the digest line it came from, so the next reader sees it handled. Best effort. */
async function markDigestLine(
  services: TSlackServices,
  action: TBlockAction,
  responseId: number,
  escalationId: number,
) {
  const message = ZDigestMessage.safeParse(action.message);
  const channel = action.container?.channel_id ?? action.channel?.id;
  if (!message.success || !channel) return;
  const blocks = withDetractorHandled(
    message.data.blocks,
    responseId,
    `:arrow_right: *${escalationRef(escalationId)}* (<@${action.user.id}>)`,
  );
  if (!blocks) return;
  await services.client.chat
    .update({ channel, ts: message.data.ts, text: message.data.text, blocks })
    .catch((error) =>
      services.logger.warn(`could not mark detractor ${responseId} handled in the digest (${slackErrorReason(error)})`),
    );
}

type TDetractorContext = TListenerContext<TPressed<{ responseId: number }>>;

/** "Open escalation" beside a detractor in the open digest: opens ADV-n from the response, once. */
export const onDetractorOpenEscalation =
  (services: TSlackServices): TMiddleware<TDetractorContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const outcome = await openEscalationForResponse(services.deps, {
      responseId: value.responseId,
      actorId: action.user.id,
      channelId: action.channel?.id ?? action.container?.channel_id ?? services.config.slack.advocateChannelId,
    });
    // The card is posted after commit; re-read so the answer can point at it.
    const escalation = (await findEscalationById(services.deps, outcome.escalation.id)) ?? outcome.escalation;
    await context.reply({ text: detractorOpenedText({ ...outcome, escalation }), blocks: [] });
    await markDigestLine(services, action, value.responseId, escalation.id);
  };

export function registerDetractorOpenEscalation(app: App, services: TSlackServices) {
  app.action<BlockAction, TDetractorContext>(
    ActionId.OpenEscalationForResponse,
    ...buttonPress(services, ZDetractorButton),
    advocatesOnly(services, 'canActOnEscalations', 'open escalations for detractors'),
    onDetractorOpenEscalation(services),
  );
}
