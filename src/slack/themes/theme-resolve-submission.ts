import type { App } from '@slack/bolt';
import { z } from 'zod';
import { RESOLUTION_NOTE_MAX_LENGTH, resolveTheme } from '../../core/themes/resolve-theme';
import { CallbackId } from '../kit/ids';
import type { TFormRead } from '../kit/middleware/submitted';
import type { TSlackServices } from '../kit/slack-services';
import { registerThemeModalSubmit, type TThemeModal } from './theme-modal-submit';
import { resolveReply } from './theme-replies';
import { THEME_RESOLVE_ACTION, ThemeResolveBlock } from './theme-resolve-modal';

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

/** The resolution note's submit: the theme is resolved, and the advocate hears privately who is being told. */
export const resolveNoteSubmit: TThemeModal<string, Awaited<ReturnType<typeof resolveTheme>>> = {
  readForm: readNote,
  what: 'resolve themes',
  change: (deps, { themeId, form: note, actorId }) => resolveTheme(deps, { themeId, note, actorId, via: 'modal' }),
  render: resolveReply,
};

export function registerThemeResolveSubmission(app: App, services: TSlackServices) {
  registerThemeModalSubmit(app, services, CallbackId.ThemeResolveModal, resolveNoteSubmit);
}
