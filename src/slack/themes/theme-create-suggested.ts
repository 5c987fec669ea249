import type { App, BlockAction } from '@slack/bolt';
import { createSuggestedTheme } from '../../core/themes/create-suggested-theme';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import type { TSlackServices } from '../kit/slack-services';
import { themeCardPermalink, ZSuggestionButtonValue } from './theme-listener-common';
import { linkReply } from './theme-replies';

export const ZSuggestionButton = pressed(ZSuggestionButtonValue);

type TSuggestionContext = TListenerContext<TPressed<{ tag: string; escalationIds: number[] }>>;

/** "Create theme" on an open digest's proposal: opens the theme with the proposed escalations, for advocates. */
export const onCreateSuggestedTheme =
  (services: TSlackServices): TMiddleware<TSuggestionContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const outcome = await createSuggestedTheme(services.deps, {
      tag: value.tag,
      escalationIds: value.escalationIds,
      actorId: action.user.id,
      via: 'button',
    });
    await context.reply(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id)));
  };

export function registerCreateSuggestedTheme(app: App, services: TSlackServices) {
  app.action<BlockAction, TSuggestionContext>(
    ActionId.CreateSuggestedTheme,
    ...buttonPress(services, ZSuggestionButton),
    advocatesOnly(services, 'canManageThemes', 'open themes'),
    onCreateSuggestedTheme(services),
  );
}
