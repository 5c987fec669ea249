import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { findEscalation } from '../../../db/repositories/escalations';
import { escalationRef } from '../../../domain/escalations/vocabulary';
import { openEscalationForResponse } from '../../../domain/surveys/open-escalation-for-response';
import { slackErrorReason } from '../../../outbox/slack-errors';
import { detractorOpenedText, withDetractorHandled } from '../../blocks/survey-detractors';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { type TBlockAction, ZBlockAction, ZJsonText } from '../payloads';
import { userFacingError } from '../respond-with-error';

export const ZDetractorButtonValue = ZJsonText.pipe(z.object({ responseId: z.number().int().positive() }));

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

/** "Open escalation" beside a detractor in the open digest: opens ADV-n from the response, once. */
export function registerDetractorOpenEscalation(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.OpenEscalationForResponse, async ({ ack, body, respond }) => {
    await ack();
    const payload = ZBlockAction.safeParse(body);
    const value = payload.success ? ZDetractorButtonValue.safeParse(payload.data.actions[0]!.value) : null;
    if (!payload.success || !value?.success) {
      services.logger.warn(`${ActionId.OpenEscalationForResponse}: unexpected payload`);
      return;
    }
    const action = payload.data;
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    services.background(async () => {
      try {
        const outcome = await openEscalationForResponse(services.deps, {
          responseId: value.data.responseId,
          actorId: action.user.id,
          channelId: action.channel?.id ?? action.container?.channel_id ?? services.config.slack.advocateChannelId,
        });
        // The card is posted after commit; re-read so the answer can point at it.
        const escalation = (await findEscalation(services.deps.db.prisma, outcome.escalation.id)) ?? outcome.escalation;
        await tell(detractorOpenedText({ ...outcome, escalation }));
        await markDigestLine(services, action, value.data.responseId, escalation.id);
      } catch (error) {
        await tell(userFacingError(error, services.logger).text).catch((tellError) =>
          services.logger.error('could not answer a button:', tellError),
        );
      }
    });
  });
}
