import type { App, BlockAction } from '@slack/bolt';
import { createSuggestedTheme } from '../../../domain/themes/create-suggested-theme';
import type { TMessage } from '../../blocks/limits';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import { linkReply } from '../../blocks/theme-replies';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { ZBlockAction } from '../payloads';
import { userFacingError } from '../respond-with-error';
import { themeCardPermalink, ZSuggestionButtonValue } from './theme-common';

/** "Create theme" on an open digest's proposal: opens the theme with the proposed escalations, for advocates. */
export function registerCreateSuggestedTheme(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.CreateSuggestedTheme, async ({ ack, body, respond }) => {
    await ack();
    const payload = ZBlockAction.safeParse(body);
    const value = payload.success ? ZSuggestionButtonValue.safeParse(payload.data.actions[0]!.value) : null;
    if (!payload.success || !value?.success) {
      services.logger.warn(`${ActionId.CreateSuggestedTheme}: unexpected payload`);
      return;
    }
    const userId = payload.data.user.id;
    const tell = (message: TMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    services.background(async () => {
      try {
        if (!(await services.advocates.isAdvocate(userId))) {
          await tell(onlyAdvocatesMessage(services.advocates.describe(), 'open themes'));
          return;
        }
        const outcome = await createSuggestedTheme(services.deps, {
          tag: value.data.tag,
          escalationIds: value.data.escalationIds,
          actorId: userId,
          via: 'button',
        });
        await tell(linkReply(outcome, await themeCardPermalink(services, outcome.theme.id)));
      } catch (error) {
        await tell(userFacingError(error, services.logger)).catch((tellError) =>
          services.logger.error('could not answer a theme suggestion:', tellError),
        );
      }
    });
  });
}
