import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { RESOLUTION_NOTE_MAX_LENGTH, resolveTheme } from '../../../domain/themes/resolve-theme';
import { resolveReply } from '../../blocks/theme-replies';
import { THEME_RESOLVE_ACTION, ThemeResolveBlock, type TThemeResolveMetadata } from '../../blocks/theme-resolve-modal';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';
import { themeCardPermalink } from '../actions/theme-common';
import { advocatesOnly } from '../middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../middleware/context';
import { replyWhereModalOpened } from '../middleware/reply-where';
import { submitted, type TFormRead, type TSubmitted } from '../middleware/submitted';

const ZThemeResolveMetadata = z.object({
  themeId: z.number().int().positive(),
  channelId: z.string().min(1).optional(),
}) satisfies z.ZodType<TThemeResolveMetadata>;

const ZNoteState = z.object({
  [ThemeResolveBlock.Note]: z.object({ [THEME_RESOLVE_ACTION]: z.object({ value: z.string().nullish() }) }),
});

/** An empty or overlong note goes back into the form. */
function readNote(values: unknown): TFormRead<string> {
  const state = ZNoteState.safeParse(values);
  const note = (state.success ? (state.data[ThemeResolveBlock.Note][THEME_RESOLVE_ACTION].value ?? '') : '').trim();
  if (!note) return { errors: { [ThemeResolveBlock.Note]: 'Write what was fixed.' } };
  if (note.length > RESOLUTION_NOTE_MAX_LENGTH)
    return { errors: { [ThemeResolveBlock.Note]: `Keep it under ${RESOLUTION_NOTE_MAX_LENGTH} characters.` } };
  return { form: note };
}

type TResolveSubmitContext = TListenerContext<TSubmitted<string, TThemeResolveMetadata>>;

/** The resolution note's submit: the modal has closed; the theme is resolved and the advocate hears who is told. */
export const onThemeResolveSubmission =
  (services: TSlackServices): TMiddleware<TResolveSubmitContext> =>
  async ({ context }) => {
    const { form: note, metadata, userId } = context.subject;
    const outcome = await resolveTheme(services.deps, {
      themeId: metadata.themeId,
      note,
      actorId: userId,
      via: 'modal',
    });
    await context.reply(resolveReply(outcome, await themeCardPermalink(services, metadata.themeId)));
  };

export function registerThemeResolveSubmission(app: App, services: TSlackServices) {
  app.view<ViewSubmitAction, TResolveSubmitContext>(
    CallbackId.ThemeResolveModal,
    submitted(services.logger, readNote, ZThemeResolveMetadata),
    replyWhereModalOpened(),
    advocatesOnly(services, 'canManageThemes', 'resolve themes'),
    onThemeResolveSubmission(services),
  );
}
