import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, mrkdwn } from '../../core/shared/text/mrkdwn';
import { linkDetractorToTheme, type TLinkDetractorOutcome } from '../../core/themes/link-detractor';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { ZJsonText } from '../kit/payloads';
import type { TSlackServices } from '../kit/slack-services';

export const ZLinkDetractorButton = pressed(
  ZJsonText.pipe(z.object({ themeId: z.number().int().positive(), responseId: z.number().int().positive() })),
);

type TLinkDetractorContext = TListenerContext<TPressed<{ themeId: number; responseId: number }>>;

/** The advocate's private answer: which escalation now carries the detractor, and that it is in the theme. */
export function linkDetractorText(outcome: TLinkDetractorOutcome): string {
  const adv = escalationRef(outcome.escalation.id);
  const thm = themeRef(outcome.link.theme.id);
  const customer = fromOutside(outcome.escalation.customer?.name ?? 'the customer');
  const how =
    outcome.opened === 'created'
      ? mrkdwn`Opened *${adv}* for ${customer} from the response`
      : outcome.opened === 'attached'
        ? mrkdwn`Added the response to ${customer}'s open escalation *${adv}*`
        : mrkdwn`The response is on *${adv}* (${customer})`;
  const where = outcome.link.alreadyLinked.length
    ? mrkdwn`; it was already in *${thm}*.`
    : mrkdwn` and linked it to *${thm}* ${fromSlack(outcome.link.theme.title)}.`;
  return mrkdwn`${how}${where}`.text;
}

/** "Link to THM-n" under a detractor the weekly report offers for an open theme: advocates only. */
export const onLinkDetractor =
  (services: TSlackServices): TMiddleware<TLinkDetractorContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const outcome = await linkDetractorToTheme(services.deps, {
      themeId: value.themeId,
      responseId: value.responseId,
      actorId: action.user.id,
      channelId: action.channel?.id ?? action.container?.channel_id ?? services.config.slack.advocateChannelId,
    });
    await context.reply({ text: linkDetractorText(outcome), blocks: [] });
  };

export function registerThemeLinkDetractorButton(app: App, services: TSlackServices) {
  app.action<BlockAction, TLinkDetractorContext>(
    ActionId.ThemeLinkDetractor,
    ...buttonPress(services, ZLinkDetractorButton),
    advocatesOnly(services, 'canManageThemes', 'link detractors to themes'),
    onLinkDetractor(services),
  );
}
