import type { App } from '@slack/bolt';
import { z } from 'zod';
import { linkTickets } from '../../core/themes/theme-tickets';
import { parseTicketUrl } from '../../core/themes/ticket-refs';
import { CallbackId } from '../kit/ids';
import type { TFormRead } from '../kit/middleware/submitted';
import type { TSlackServices } from '../kit/slack-services';
import { registerThemeModalSubmit, type TThemeModal } from './theme-modal-submit';
import { ticketLinkReply } from './theme-replies';
import { THEME_LINK_TICKET_ACTION, ThemeLinkTicketBlock } from './theme-ticket-views';

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

/** The "Link ticket" modal's submit: the tickets are linked, and the advocate hears so privately. */
export const linkTicketSubmit: TThemeModal<string[], Awaited<ReturnType<typeof linkTickets>>> = {
  readForm: readUrls,
  what: 'link tickets to themes',
  change: (deps, { themeId, form: urls, actorId }) => linkTickets(deps, { themeId, urls, actorId, via: 'modal' }),
  render: ticketLinkReply,
};

export function registerThemeLinkTicketSubmission(app: App, services: TSlackServices) {
  registerThemeModalSubmit(app, services, CallbackId.ThemeLinkTicketModal, linkTicketSubmit);
}
