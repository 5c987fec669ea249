import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { TTheme } from '../../../db/repositories/themes';
import { findTheme } from '../../../db/repositories/themes';
import { TAG_PATTERN } from '../../../domain/escalations/vocabulary';
import { getThemeOrFail } from '../../../domain/themes/queries';
import { SUGGESTION_MAX_ESCALATIONS } from '../../../domain/themes/suggestions';
import { slackErrorReason } from '../../../outbox/slack-errors';
import type { TMessage } from '../../blocks/limits';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import type { TSlackServices } from '../../services';
import { ZBlockAction, ZJsonText } from '../payloads';
import { userFacingError } from '../respond-with-error';

export const ZThemeButtonValue = ZJsonText.pipe(z.object({ themeId: z.number().int().positive() }));

export const ZSuggestionButtonValue = ZJsonText.pipe(
  z.object({
    tag: z.string().regex(TAG_PATTERN),
    escalationIds: z.array(z.number().int().positive()).min(1).max(SUGGESTION_MAX_ESCALATIONS),
  }),
);

/** A link to the theme's card for a private answer, when the card is posted by now. */
export async function themeCardPermalink(services: TSlackServices, themeId: number): Promise<string | null> {
  const theme = await findTheme(services.deps.db.prisma, themeId);
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
  tell(message: TMessage): Promise<unknown>;
}

/**
 * A button on a theme card that only advocates may use: parses its `{themeId}` value, refuses anyone else
 * privately (`what` they may not do), loads the theme and runs `act` after the ack, answering any failure privately.
 */
export function registerThemeButton(
  app: App,
  services: TSlackServices,
  actionId: string,
  what: string,
  act: (context: TThemeButtonContext) => Promise<void>,
) {
  app.action<BlockAction>(actionId, async ({ ack, body, respond, client }) => {
    await ack();
    const payload = ZBlockAction.safeParse(body);
    const value = payload.success ? ZThemeButtonValue.safeParse(payload.data.actions[0]!.value) : null;
    if (!payload.success || !value?.success) {
      services.logger.warn(`${actionId}: unexpected payload`);
      return;
    }
    const { user, trigger_id: triggerId } = payload.data;
    const channelId = payload.data.container?.channel_id ?? payload.data.channel?.id;
    const { themeId } = value.data;
    const tell = (message: TMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    services.background(async () => {
      try {
        if (!(await services.advocates.isAdvocate(user.id))) {
          await tell(onlyAdvocatesMessage(services.advocates.describe(), what));
          return;
        }
        const theme = await getThemeOrFail(services.deps, themeId);
        await act({ theme, themeId, triggerId, channelId, client, tell });
      } catch (error) {
        await tell(userFacingError(error, services.logger)).catch((tellError) =>
          services.logger.error('could not answer a theme button:', tellError),
        );
      }
    });
  });
}
