import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { linkTickets } from '../../../domain/themes/theme-tickets';
import { parseTicketUrl } from '../../../domain/themes/ticket-refs';
import { ticketLinkReply } from '../../blocks/theme-replies';
import { THEME_LINK_TICKET_ACTION, ThemeLinkTicketBlock } from '../../blocks/theme-tickets';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';
import { themeCardPermalink } from '../actions/theme-common';
import { advocatesOnly } from '../middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../middleware/context';
import { replyWhereModalOpened } from '../middleware/reply-where';
import { submitted, type TFormRead, type TSubmitted } from '../middleware/submitted';

const ZMetadata = z.object({ themeId: z.number().int().positive(), channelId: z.string().min(1).optional() });
const ZUrlState = z.object({
  [ThemeLinkTicketBlock.Url]: z.object({ [THEME_LINK_TICKET_ACTION]: z.object({ value: z.string().nullish() }) }),
});

/** The pasted URLs; none, or one that is not a ticket, goes back into the form. */
function readUrls(values: unknown): TFormRead<string[]> {
  const state = ZUrlState.safeParse(values);
  const text = state.success ? (state.data[ThemeLinkTicketBlock.Url][THEME_LINK_TICKET_ACTION].value ?? '') : '';
  const urls = text
    .split(/\s+/)
    .map((url) => url.trim())
    .filter(Boolean);
  const bad = urls.map(parseTicketUrl).find((ref) => 'problem' in ref) as { problem: string } | undefined;
  if (urls.length === 0 || bad)
    return { errors: { [ThemeLinkTicketBlock.Url]: bad ? bad.problem : 'Paste the ticket’s URL.' } };
  return { form: urls };
}

type TLinkTicketSubmitContext = TListenerContext<TSubmitted<string[], z.infer<typeof ZMetadata>>>;

/** The "Link ticket" modal's submit: the modal has closed; the tickets are linked and the advocate hears so. */
export const onThemeLinkTicketSubmission =
  (services: TSlackServices): TMiddleware<TLinkTicketSubmitContext> =>
  async ({ context }) => {
    const { form: urls, metadata, userId } = context.subject;
    const outcome = await linkTickets(services.deps, {
      themeId: metadata.themeId,
      urls,
      actorId: userId,
      via: 'modal',
    });
    await context.reply(ticketLinkReply(outcome, await themeCardPermalink(services, metadata.themeId)));
  };

export function registerThemeLinkTicketSubmission(app: App, services: TSlackServices) {
  app.view<ViewSubmitAction, TLinkTicketSubmitContext>(
    CallbackId.ThemeLinkTicketModal,
    submitted(services.logger, readUrls, ZMetadata),
    replyWhereModalOpened(),
    advocatesOnly(services, 'canManageThemes', 'link tickets to themes'),
    onThemeLinkTicketSubmission(services),
  );
}
