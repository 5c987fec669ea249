import { z } from 'zod';
import { findTheme } from '../../../db/repositories/themes';
import { TAG_PATTERN } from '../../../domain/escalations/vocabulary';
import { SUGGESTION_MAX_ESCALATIONS } from '../../../domain/themes/suggestions';
import { slackErrorReason } from '../../outbox/slack-errors';
import type { TSlackServices } from '../../services';
import { ZJsonText } from '../payloads';

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
  return services.client.chat
    .getPermalink({ channel: theme.cardChannelId, message_ts: theme.cardTs })
    .then((result) => result.permalink ?? null)
    .catch((error) => {
      services.logger.warn(`getPermalink failed: ${slackErrorReason(error)}`);
      return null;
    });
}
