import type { App } from '@slack/bolt';
import { z } from 'zod';
import { linkTickets } from '../../../domain/themes/theme-tickets';
import { parseTicketUrl } from '../../../domain/themes/ticket-refs';
import { ticketLinkReply } from '../../blocks/theme-replies';
import { THEME_LINK_TICKET_ACTION, ThemeLinkTicketBlock } from '../../blocks/theme-tickets';
import { CallbackId } from '../../ids';
import type { TSlackServices } from '../../services';
import { themeCardPermalink } from '../actions/theme-common';
import { ZJsonText } from '../payloads';
import { answerThemeModal } from './theme-modal-answer';

const ZMetadata = z.object({ themeId: z.number().int().positive(), channelId: z.string().min(1).optional() });
const ZUrlState = z.object({
  [ThemeLinkTicketBlock.Url]: z.object({ [THEME_LINK_TICKET_ACTION]: z.object({ value: z.string().nullish() }) }),
});

/** The "Link ticket" modal's submit: a bad URL goes back into the form; otherwise the tickets are linked. */
export function registerThemeLinkTicketSubmission(app: App, services: TSlackServices) {
  app.view(CallbackId.ThemeLinkTicketModal, async ({ ack, view, body, client }) => {
    const metadata = ZJsonText.pipe(ZMetadata).safeParse(view.private_metadata || '{}');
    const state = ZUrlState.safeParse(view.state.values);
    const text = state.success ? (state.data[ThemeLinkTicketBlock.Url][THEME_LINK_TICKET_ACTION].value ?? '') : '';
    const urls = text
      .split(/\s+/)
      .map((url) => url.trim())
      .filter(Boolean);
    const bad = urls.map(parseTicketUrl).find((ref) => 'problem' in ref) as { problem: string } | undefined;
    if (urls.length === 0 || bad) {
      await ack({
        response_action: 'errors',
        errors: { [ThemeLinkTicketBlock.Url]: bad ? bad.problem : 'Paste the ticket’s URL.' },
      });
      return;
    }
    await ack();
    if (!metadata.success) {
      services.logger.warn(`${CallbackId.ThemeLinkTicketModal}: unexpected private_metadata`);
      return;
    }
    const userId = body.user.id;
    const { themeId, channelId } = metadata.data;
    answerThemeModal(services, client, { userId, channelId, what: 'link tickets to themes' }, async () => {
      const outcome = await linkTickets(services.deps, { themeId, urls, actorId: userId, via: 'modal' });
      return ticketLinkReply(outcome, await themeCardPermalink(services, themeId));
    });
  });
}
