import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { mrkdwn } from '../../core/shared/text/mrkdwn';
import { createStormTheme } from '../../core/storms/storm-theme';
import { message } from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import type { TSlackServices } from '../kit/slack-services';
import { themeCardPermalink } from '../themes/theme-listener-common';
import { linkReply } from '../themes/theme-replies';

const ZStormButton = pressed(z.string().regex(/^\d+$/).transform(Number));

type TStormButtonContext = TListenerContext<TPressed<number>>;

/** "Create theme" on a storm's message: one theme with every escalation of the storm, for advocates. */
const onCreateStormTheme =
  (services: TSlackServices): TMiddleware<TStormButtonContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const result = await createStormTheme(services.deps, { stormId: value, actorId: action.user.id });
    if ('alreadyThemeId' in result) {
      await context.reply(
        message(mrkdwn`This storm's escalations are already in THM-${result.alreadyThemeId}; nothing changed.`, []),
      );
      return;
    }
    await context.reply(linkReply(result.outcome, await themeCardPermalink(services, result.outcome.theme.id)));
  };

export function registerStormCreateTheme(app: App, services: TSlackServices) {
  app.action<BlockAction, TStormButtonContext>(
    ActionId.StormCreateTheme,
    ...buttonPress(services, ZStormButton),
    advocatesOnly(services, 'canManageThemes', 'open themes'),
    onCreateStormTheme(services),
  );
}
