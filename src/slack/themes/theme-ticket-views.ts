import type { Button, KnownBlock, ModalView } from '@slack/types';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import {
  fromOutside,
  fromSlack,
  joinMrkdwn,
  type Mrkdwn,
  mrkdwn,
  slackDate,
  truncateMrkdwn,
} from '../../core/shared/text/mrkdwn';
import { formatAge } from '../../core/shared/time/durations';
import { MAX_TICKETS_PER_LINK, ticketLabel } from '../../core/themes/theme-tickets';
import type { TThemeTicket } from '../../core/themes/theme-tickets-repository';
import type { TTheme } from '../../core/themes/themes-repository';
import {
  asTicketState,
  TICKET_URL_MAX_LENGTH,
  ticketStateEmoji,
  ticketStateLabel,
} from '../../core/themes/ticket-refs';
import { context, message, SlackLimits, section, truncate } from '../kit/block-limits';
import { ActionId, CallbackId } from '../kit/ids';
import { ticketLink } from '../kit/words';

export const ThemeLinkTicketBlock = { Url: 'ticket_url' } as const;
export const THEME_LINK_TICKET_ACTION = 'value';

const value = (themeId: number) => JSON.stringify({ themeId });

export function themeLinkTicketButton(themeId: number): Button {
  return {
    type: 'button',
    action_id: ActionId.ThemeLinkTicket,
    text: { type: 'plain_text', text: 'Link ticket' },
    value: value(themeId),
  };
}

/** When the theme has been waiting on engineering since: its first ticket's link, while not every ticket is closed. */
export function waitingSince(theme: Pick<TTheme, 'tickets' | 'ticketsClosedAt' | 'status'>): Date | null {
  const tickets = theme.tickets ?? [];
  if (theme.status !== 'open' || tickets.length === 0 || theme.ticketsClosedAt) return null;
  return new Date(Math.min(...tickets.map((ticket) => ticket.linkedAt.getTime())));
}

export function ticketLine(ticket: TThemeTicket): Mrkdwn {
  const state = asTicketState(ticket.state);
  const title = ticket.title ? mrkdwn` “${fromOutside(truncate(ticket.title, 90))}”` : '';
  const when = ticket.stateChangedAt
    ? mrkdwn` · changed ${slackDate(ticket.stateChangedAt)}`
    : mrkdwn` · linked ${slackDate(ticket.linkedAt)}`;
  return mrkdwn`${ticketStateEmoji[state]} ${ticketLink({ url: ticket.url, label: truncate(ticketLabel(ticket), 80) })}${title} · *${ticketStateLabel[state]}*${when}`;
}

/** `acme/api#42 closed, ENG-7 in progress` (the first few, then how many more), for one-line summaries. */
export function ticketsSummary(tickets: TThemeTicket[], shown = 4): Mrkdwn {
  const parts = tickets
    .slice(0, shown)
    .map(
      (ticket) =>
        mrkdwn`${ticketLink({ url: ticket.url, label: truncate(ticketLabel(ticket), 60) })} ${ticketStateLabel[asTicketState(ticket.state)]}`,
    );
  if (tickets.length > shown) parts.push(mrkdwn`${tickets.length - shown} more`);
  return joinMrkdwn(parts, ', ');
}

export interface TWaitingTheme {
  id: number;
  title: string;
  status: string;
  ticketsClosedAt: Date | null;
  tickets: TThemeTicket[];
}

/** App Home: the open themes whose fix engineering has not shipped yet, longest waiting first. */
export function waitingOnEngineeringBlocks(themes: TWaitingTheme[], now: Date): KnownBlock[] {
  if (themes.length === 0) return [];
  const lines = themes.map((theme) => {
    const since = waitingSince(theme);
    return mrkdwn`*${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 80))}${since ? mrkdwn` · ${formatAge(since, now)}` : ''}\n      ↳ ${ticketsSummary(theme.tickets, 3)}`;
  });
  return [
    section(
      truncateMrkdwn(
        mrkdwn`*Themes waiting on engineering* (${themes.length})\n${joinMrkdwn(lines)}`,
        SlackLimits.sectionText,
      ),
    ),
  ];
}

/** The theme card's "Engineering tickets" section, or nothing when none is linked. */
export function themeTicketBlocks(theme: TTheme, now: Date): KnownBlock[] {
  const tickets = theme.tickets ?? [];
  if (tickets.length === 0) return [];
  const closed = tickets.filter((ticket) => ticket.state === 'closed').length;
  const open = theme.status === 'open';
  const since = waitingSince(theme);
  const head = mrkdwn`*Engineering tickets* · ${closed} of ${tickets.length} closed${since ? mrkdwn` · waiting on engineering for ${formatAge(since, now)}` : ''}`;
  const lines: Mrkdwn[] = [head];
  if (open && theme.fixReopenedAt && !theme.ticketsClosedAt)
    lines.push(
      mrkdwn`:warning: *Fix reopened* ${slackDate(theme.fixReopenedAt)}: a ticket closed for this theme is open again.`,
    );
  if (open && theme.ticketsClosedAt)
    lines.push(
      mrkdwn`:white_check_mark: All linked tickets are closed ${slackDate(theme.ticketsClosedAt)}: resolve the theme to tell the customers.`,
    );
  lines.push(...tickets.map(ticketLine));
  return [section(truncateMrkdwn(joinMrkdwn(lines), SlackLimits.sectionText))];
}

export interface TTicketsClosedPrompt {
  themeId: number;
  customers: number;
  agents: number;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The prompt in the theme card's thread once every linked ticket is closed: one button to the resolution modal. */
export function ticketsClosedPrompt(data: TTicketsClosedPrompt) {
  const ref = themeRef(data.themeId);
  const text = mrkdwn`:white_check_mark: All linked tickets are closed — resolve ${ref} and tell the ${plural(data.customers, 'customer')}?`;
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`${text}\nThe resolution note goes to every linked escalation's thread and to the ${plural(data.agents, 'agent')} who flagged them.`,
    ),
    {
      type: 'actions',
      block_id: `theme_tickets_closed_${data.themeId}`,
      elements: [
        {
          type: 'button',
          action_id: ActionId.ThemeResolve,
          text: { type: 'plain_text', text: 'Resolve theme' },
          style: 'primary',
          value: value(data.themeId),
        },
      ],
    },
  ];
  return message(text, blocks);
}

export interface TLinkTicketMetadata {
  themeId: number;
  channelId?: string;
}

/** "Link ticket" on a theme card: one field for one or more URLs. */
export function themeLinkTicketModal(theme: TTheme, metadata: TLinkTicketMetadata): ModalView {
  const tickets = theme.tickets ?? [];
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`*${themeRef(theme.id)}* “${fromSlack(truncate(theme.title, 200))}”\nPaste a GitHub issue, Jira or Linear URL (or any link). Its state follows the tracker's webhook; when every linked ticket is closed, Advocate asks whether to resolve and tell the customers.`,
    ),
    {
      type: 'input',
      block_id: ThemeLinkTicketBlock.Url,
      label: { type: 'plain_text', text: 'Ticket URL' },
      hint: { type: 'plain_text', text: `One per line, up to ${MAX_TICKETS_PER_LINK}.` },
      element: {
        type: 'plain_text_input',
        action_id: THEME_LINK_TICKET_ACTION,
        multiline: true,
        max_length: Math.min(3000, TICKET_URL_MAX_LENGTH * 2),
        placeholder: { type: 'plain_text', text: 'https://github.com/acme/api/issues/42' },
      },
    },
  ];
  if (tickets.length)
    blocks.push(
      context(
        truncateMrkdwn(
          mrkdwn`Linked now: ${joinMrkdwn(
            tickets.map((t) => ticketLabel(t)),
            ', ',
          )}`,
          1900,
        ),
      ),
    );
  return {
    type: 'modal',
    callback_id: CallbackId.ThemeLinkTicketModal,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(`Link ticket · ${themeRef(theme.id)}`, 24) },
    submit: { type: 'plain_text', text: 'Link' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
