import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TThemeEvent, TThemeResolvedNotice } from '../../core/shared/outbox/outbox-messages';
import { fromSlack, type Mrkdwn, mention, mrkdwn } from '../../core/shared/text/mrkdwn';
import type { TTicketSource } from '../../core/themes/theme-tickets';
import { listWords } from '../../core/themes/theme-words';
import { type TTicketState, ticketStateLabel } from '../../core/themes/ticket-refs';
import { quoteNote } from '../escalations/escalation-notes';
import type { TMessage } from '../kit/block-limits';
import { shorten, themeLabel, ticketLink } from '../kit/words';
import { ticketsClosedPrompt } from './theme-ticket-views';

const TRACKER_NAMES: Record<TTicketSource, string> = {
  github: 'GitHub',
  jira: 'Jira',
  generic: 'a tracker',
  sandbox: 'the sandbox',
};
const trackerName = (source: string) => TRACKER_NAMES[source as TTicketSource] ?? source;
const stateLabel = (state: string) => ticketStateLabel[state as TTicketState] ?? state;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The line in a theme card's thread. */
export function themeEventLine(event: TThemeEvent): Mrkdwn {
  switch (event.type) {
    case 'ticket_linked':
      return mrkdwn`:link: ${mention(event.actorId)} linked ticket ${ticketLink(event.ticket)}`;
    case 'ticket_unlinked':
      return mrkdwn`:heavy_minus_sign: ${mention(event.actorId)} unlinked ticket ${ticketLink(event.ticket)}`;
    case 'ticket_state':
      return mrkdwn`:arrows_counterclockwise: ${ticketLink(event.ticket)} is now *${stateLabel(event.state)}* (${trackerName(event.source)})`;
    case 'fix_reopened':
      return mrkdwn`:warning: Fix reopened: ${ticketLink(event.ticket)} is ${stateLabel(event.state)} again, so not every linked ticket is closed. Hold the resolution until it is.`;
    case 'reopened_after_resolve':
      return mrkdwn`:warning: ${ticketLink(event.ticket)} was reopened in ${trackerName(event.source)} after this theme was resolved. The theme stays resolved; open a new one if customers are hurt again.`;
    case 'tickets_closed':
      return mrkdwn`:white_check_mark: All linked tickets of ${themeLabel(event.theme)} are closed — resolve and tell the ${plural(event.customers, 'customer')}?`;
  }
  const actor = mention(event.actorId);
  switch (event.type) {
    case 'resolved':
      return mrkdwn`:white_check_mark: ${actor} resolved this theme. The note went to ${plural(event.threads, 'escalation thread')} and ${plural(event.agents, 'agent')}.`;
    case 'escalations_linked': {
      const refs = listWords(event.escalationIds.map(escalationRef));
      const moved = event.movedFromThemeIds.length
        ? ` (moved from ${listWords([...new Set(event.movedFromThemeIds)].map(themeRef))})`
        : '';
      return mrkdwn`:link: ${actor} linked ${refs}${moved}`;
    }
    case 'escalations_moved_away':
      return mrkdwn`:twisted_rightwards_arrows: ${actor} moved ${listWords(event.escalationIds.map(escalationRef))} to ${themeLabel(event.to)}`;
  }
}

/** The message in a theme card's thread: its line, and for the "all tickets closed" prompt the Resolve button. */
export function themeEventMessage(event: TThemeEvent): Partial<TMessage> & Pick<TMessage, 'text'> {
  const text = themeEventLine(event).text;
  if (event.type !== 'tickets_closed') return { text };
  const { blocks } = ticketsClosedPrompt({ themeId: event.theme.id, customers: event.customers, agents: event.agents });
  return { text, blocks };
}

/** The DM to an agent: the theme covering their escalations was resolved, with the resolution note. */
export function themeResolvedNotice(notice: TThemeResolvedNotice): string {
  // The domain queues the first few of the agent's escalations; the rest are counted.
  const lines = notice.escalations.map(
    (escalation) =>
      mrkdwn`• *${escalationRef(escalation.id)}* “${fromSlack(shorten(escalation.summary, 80))}”${escalation.resolvedNow ? ' is now resolved' : ' (already resolved)'}`,
  );
  const more = notice.total - notice.escalations.length;
  if (more > 0) lines.push(mrkdwn`…and ${more} more.`);
  const yours = notice.total === 1 ? 'your escalation' : `your ${notice.total} escalations`;
  return [
    mrkdwn`:white_check_mark: Theme ${themeLabel(notice.theme)} was resolved by ${mention(notice.actorId)}. It covers ${yours}:`,
    ...lines,
    '*Resolution*',
    quoteNote(notice.note),
  ].join('\n');
}
