import type { KnownBlock } from '@slack/types';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromSlack, joinMrkdwn, link as linkTo, type Mrkdwn, mention, mrkdwn } from '../../core/shared/text/mrkdwn';
import type { TLinkOutcome } from '../../core/themes/link-escalations';
import type { TResolveOutcome } from '../../core/themes/resolve-theme';
import { summarizeTheme } from '../../core/themes/theme-summary';
import type { TLinkTicketsOutcome } from '../../core/themes/theme-tickets';
import type { TTicketRef } from '../../core/themes/ticket-refs';
import { section, type TMessage, truncate } from '../kit/block-limits';
import { escalationRefs, ticketLink } from '../kit/words';

const label = (theme: { id: number; title: string }) => mrkdwn`*${themeRef(theme.id)}* “${fromSlack(theme.title)}”`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
function message(lines: Mrkdwn[], link: string | null): TMessage {
  const body = joinMrkdwn(lines);
  const blocks: KnownBlock[] = [section(link ? mrkdwn`${body}\n${linkTo(link, 'View the theme card')}` : body)];
  return { text: truncate((lines[0]?.text ?? '').replace(/\*/g, ''), 4000), blocks };
}

/** The private answer to `/advocate theme …` and to "Create theme": what was linked, moved or left alone. */
export function linkReply(outcome: TLinkOutcome, link: string | null): TMessage {
  const { theme } = outcome;
  const customers = summarizeTheme(theme).customers.length;
  const lines: Mrkdwn[] = [];
  if (outcome.created) {
    lines.push(
      mrkdwn`:large_blue_circle: Opened ${label(theme)} with ${escalationRefs(outcome.linked)} (${plural(customers, 'customer')} affected). You own it.`,
    );
  } else if (outcome.linked.length > 0) {
    lines.push(
      mrkdwn`:link: Linked ${escalationRefs(outcome.linked)} to ${label(theme)}; it now has ${plural(theme.escalations.length, 'escalation')} from ${plural(customers, 'customer')}.`,
    );
  } else {
    lines.push(
      mrkdwn`Nothing to link: ${escalationRefs(outcome.alreadyLinked)} ${outcome.alreadyLinked.length === 1 ? 'is' : 'are'} already in ${label(theme)}.`,
    );
    return message(lines, link);
  }
  const fromThemes = [...new Set(outcome.moved.map((move) => move.fromThemeId))];
  for (const from of fromThemes) {
    const ids = outcome.moved.filter((move) => move.fromThemeId === from).map((move) => move.escalationId);
    lines.push(
      mrkdwn`:twisted_rightwards_arrows: ${escalationRefs(ids)} moved from ${themeRef(from)} to ${themeRef(theme.id)} (an escalation belongs to one theme).`,
    );
  }
  if (outcome.alreadyLinked.length > 0)
    lines.push(
      mrkdwn`${escalationRefs(outcome.alreadyLinked)} ${outcome.alreadyLinked.length === 1 ? 'was' : 'were'} already in ${themeRef(theme.id)}.`,
    );
  const kept = [...new Set(outcome.keptElsewhere.map((entry) => entry.themeId))];
  for (const other of kept) {
    const ids = outcome.keptElsewhere.filter((entry) => entry.themeId === other).map((entry) => entry.escalationId);
    lines.push(mrkdwn`${escalationRefs(ids)} stayed in ${themeRef(other)}.`);
  }
  return message(lines, link);
}

/** The private answer after the resolution note is submitted, or when the theme was resolved already. */
export function resolveReply(outcome: TResolveOutcome, link: string | null): TMessage {
  const { theme } = outcome;
  if (outcome.kind === 'resolved') {
    const resolved = outcome.resolvedNow.length
      ? mrkdwn` ${escalationRefs(outcome.resolvedNow)} ${outcome.resolvedNow.length === 1 ? 'is' : 'are'} now resolved.`
      : '';
    return message(
      [
        mrkdwn`:white_check_mark: Resolved ${label(theme)}. Your note is going to ${plural(outcome.threads, 'escalation thread')} and ${plural(outcome.agents, 'agent')}.${resolved}`,
      ],
      link,
    );
  }
  const by = theme.resolvedById ? mrkdwn` by ${mention(theme.resolvedById)}` : '';
  const rest =
    outcome.waiting === 0
      ? 'Everyone has been told already.'
      : outcome.stillWaiting === 0
        ? `${plural(outcome.waiting, 'message')} that had not gone out yet ${outcome.waiting === 1 ? 'was' : 'were'} sent now; nobody was told twice.`
        : `${plural(outcome.stillWaiting, 'message')} still could not be sent; they will be retried automatically.`;
  return message([mrkdwn`${label(theme)} is already resolved${by}. ${rest}`], link);
}

const ticketList = (refs: TTicketRef[]) => joinMrkdwn(refs.map(ticketLink), ', ');

/** The private answer to `/advocate theme THM-n link …` and the "Link ticket" modal. */
export function ticketLinkReply(outcome: TLinkTicketsOutcome, link: string | null): TMessage {
  const { theme } = outcome;
  const lines: Mrkdwn[] = [];
  const total = theme.tickets?.length ?? 0;
  if (outcome.linked.length > 0)
    lines.push(
      mrkdwn`:link: Linked ${ticketList(outcome.linked)} to ${label(theme)}; it now waits on ${plural(total, 'ticket')}. When every one is closed, Advocate asks in the card's thread whether to resolve and tell the customers.`,
    );
  if (outcome.alreadyLinked.length > 0)
    lines.push(
      mrkdwn`${ticketList(outcome.alreadyLinked)} ${outcome.alreadyLinked.length === 1 ? 'was' : 'were'} already linked.`,
    );
  return message(lines, link);
}

export function ticketUnlinkReply(
  outcome: { theme: { id: number; title: string }; ref: TTicketRef; removed: boolean },
  link: string | null,
): TMessage {
  return message(
    [
      outcome.removed
        ? mrkdwn`:heavy_minus_sign: Unlinked ${ticketLink(outcome.ref)} from ${label(outcome.theme)}.`
        : mrkdwn`${ticketLink(outcome.ref)} is not linked to ${label(outcome.theme)}; nothing changed.`,
    ],
    link,
  );
}
