import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { TDomainDeps } from '../../core/shared/deps';
import type { TMessage } from '../kit/block-limits';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { replyWhereModalOpened } from '../kit/middleware/reply-where';
import { submitted, type TFormRead, type TSubmitted } from '../kit/middleware/submitted';
import type { TSlackServices } from '../kit/slack-services';
import { themeCardPermalink } from './theme-listener-common';
import type { TThemeResolveMetadata } from './theme-resolve-modal';

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
