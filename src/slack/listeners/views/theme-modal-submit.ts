import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { TDomainDeps } from '../../../domain/deps';
import type { TMessage } from '../../blocks/limits';
import type { TThemeResolveMetadata } from '../../blocks/theme-resolve-modal';
import type { TSlackServices } from '../../services';
import { themeCardPermalink } from '../actions/theme-common';
import { advocatesOnly } from '../middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../middleware/context';
import { replyWhereModalOpened } from '../middleware/reply-where';
import { submitted, type TFormRead, type TSubmitted } from '../middleware/submitted';

/** What a theme modal carries: which theme, and the channel its card was in (to answer there). */
export const ZThemeModalMetadata = z.object({
  themeId: z.number().int().positive(),
  channelId: z.string().min(1).optional(),
}) satisfies z.ZodType<TThemeResolveMetadata>;

type TThemeModalContext<TForm> = TListenerContext<TSubmitted<TForm, z.infer<typeof ZThemeModalMetadata>>>;

export interface TThemeModal<TForm, TOutcome> {
  readForm: (values: unknown) => TFormRead<TForm>;
  /** What only advocates may do, said to anyone else. */
  what: string;
  change: (deps: TDomainDeps, input: { themeId: number; form: TForm; actorId: string }) => Promise<TOutcome>;
  render: (outcome: TOutcome, cardPermalink: string | null) => TMessage;
}

/** A theme modal's submit, once the modal has closed: the change, answered privately with a link to the card. */
export const onThemeModalSubmit =
  <TForm, TOutcome>(
    services: TSlackServices,
    modal: TThemeModal<TForm, TOutcome>,
  ): TMiddleware<TThemeModalContext<TForm>> =>
  async ({ context }) => {
    const { form, metadata, userId } = context.subject;
    const outcome = await modal.change(services.deps, { themeId: metadata.themeId, form, actorId: userId });
    await context.reply(modal.render(outcome, await themeCardPermalink(services, metadata.themeId)));
  };

/** Field errors go back into the form; then advocates only, answered where the modal was opened. */
export function registerThemeModalSubmit<TForm, TOutcome>(
  app: App,
  services: TSlackServices,
  callbackId: string,
  modal: TThemeModal<TForm, TOutcome>,
) {
  app.view<ViewSubmitAction, TThemeModalContext<TForm>>(
    callbackId,
    submitted(services.logger, modal.readForm, ZThemeModalMetadata),
    replyWhereModalOpened(),
    advocatesOnly(services, 'canManageThemes', modal.what),
    onThemeModalSubmit(services, modal),
  );
}
