import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { TAG_PATTERN } from '../../core/escalations/escalation-vocabulary';
import { findThemeById, getThemeOrFail } from '../../core/themes/theme-queries';
import { SUGGESTION_MAX_ESCALATIONS } from '../../core/themes/theme-suggestions';
import type { TTheme } from '../../core/themes/themes-repository';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware, TReply } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { ZJsonText } from '../kit/payloads';
import { slackErrorReason } from '../kit/slack-errors';
import type { TSlackServices } from '../kit/slack-services';

export const ZThemeButtonValue = ZJsonText.pipe(z.object({ themeId: z.number().int().positive() }));
export const ZThemeButton = pressed(ZThemeButtonValue);

export const ZSuggestionButtonValue = ZJsonText.pipe(
  z.object({
    tag: z.string().regex(TAG_PATTERN),
    escalationIds: z.array(z.number().int().positive()).min(1).max(SUGGESTION_MAX_ESCALATIONS),
  }),
);

/** A link to the theme's card for a private answer, when the card is posted by now. */
export async function themeCardPermalink(services: TSlackServices, themeId: number): Promise<string | null> {
  const theme = await findThemeById(services.deps, themeId);
  if (!theme?.cardTs || !theme.cardChannelId) return null;
  return services.permalinks.of(theme.cardChannelId, theme.cardTs).catch((error) => {
    services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
    return null;
  });
}

export interface TThemeButtonContext {
  theme: TTheme;
  themeId: number;
  triggerId: string | undefined;
  channelId: string | undefined;
  client: WebClient;
  /** Answers the advocate privately. */
  reply: TReply;
}

type TThemeButtonListenerContext = TListenerContext<TPressed<{ themeId: number }>>;

/** The listener of a theme card's button: loads the theme (a missing one is the failure answer) and runs `act`. */
export const onThemeButton =
  (
    services: TSlackServices,
    act: (button: TThemeButtonContext) => Promise<void>,
  ): TMiddleware<TThemeButtonListenerContext> =>
  async ({ context, client }) => {
    const { action, value } = context.subject;
    const theme = await getThemeOrFail(services.deps, value.themeId);
    await act({
      theme,
      themeId: value.themeId,
      triggerId: action.trigger_id,
      channelId: action.container?.channel_id ?? action.channel?.id,
      client,
      reply: context.reply,
    });
  };

/** A button on a theme card that only advocates may use (`what` they may not do, said to anyone else). */
export function registerThemeButton(
  app: App,
  services: TSlackServices,
  actionId: string,
  what: string,
  listener: TMiddleware<TThemeButtonListenerContext>,
) {
  app.action<BlockAction, TThemeButtonListenerContext>(
    actionId,
    ...buttonPress(services, ZThemeButton),
    advocatesOnly(services, 'canManageThemes', what),
    listener,
  );
}
