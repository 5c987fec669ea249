import type { App } from '@slack/bolt';
import { z } from 'zod';
import { RESOLUTION_NOTE_MAX_LENGTH, resolveTheme } from '../../../domain/themes/resolve-theme';
import { resolveReply } from '../../blocks/theme-replies';
import { THEME_RESOLVE_ACTION, ThemeResolveBlock, type TThemeResolveMetadata } from '../../blocks/theme-resolve-modal';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';
import { themeCardPermalink } from '../actions/theme-common';
import { ZJsonText } from '../payloads';
import { answerThemeModal } from './theme-modal-answer';

const ZThemeResolveMetadata = z.object({
  themeId: z.number().int().positive(),
  channelId: z.string().min(1).optional(),
}) satisfies z.ZodType<TThemeResolveMetadata>;

const ZNoteState = z.object({
  [ThemeResolveBlock.Note]: z.object({ [THEME_RESOLVE_ACTION]: z.object({ value: z.string().nullish() }) }),
});

/**
 * The resolution note's submit: an empty or overlong note goes back into the form; otherwise the modal closes and
 * the theme is resolved, and the advocate hears privately who is being told.
 */
export function registerThemeResolveSubmission(app: App, services: TSlackServices) {
  app.view(CallbackId.ThemeResolveModal, async ({ ack, view, body, client }) => {
    const metadata = ZJsonText.pipe(ZThemeResolveMetadata).safeParse(view.private_metadata || '{}');
    const state = ZNoteState.safeParse(view.state.values);
    const note = (state.success ? (state.data[ThemeResolveBlock.Note][THEME_RESOLVE_ACTION].value ?? '') : '').trim();
    if (!note) {
      await ack({ response_action: 'errors', errors: { [ThemeResolveBlock.Note]: 'Write what was fixed.' } });
      return;
    }
    if (note.length > RESOLUTION_NOTE_MAX_LENGTH) {
      await ack({
        response_action: 'errors',
        errors: { [ThemeResolveBlock.Note]: `Keep it under ${RESOLUTION_NOTE_MAX_LENGTH} characters.` },
      });
      return;
    }
    await ack();
    if (!metadata.success) {
      services.logger.warn(`${CallbackId.ThemeResolveModal}: unexpected private_metadata`);
      return;
    }
    const userId = body.user.id;
    const { themeId, channelId } = metadata.data;
    answerThemeModal(services, client, { userId, channelId, what: 'resolve themes' }, async () => {
      const outcome = await resolveTheme(services.deps, { themeId, note, actorId: userId, via: 'modal' });
      return resolveReply(outcome, await themeCardPermalink(services, themeId));
    });
  });
}
