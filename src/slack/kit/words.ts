import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromSlack, link, mrkdwn } from '../../core/shared/text/mrkdwn';
import { listWords } from '../../core/themes/theme-words';

export const escalationRefs = (ids: number[]) => listWords(ids.map(escalationRef));

/** `*THM-3* “Billing double charges”` as lines and replies name a theme. */
export const themeLabel = (theme: { id: number; title: string }) =>
  mrkdwn`*${themeRef(theme.id)}* “${fromSlack(theme.title)}”`;

/** The first line of `text`, cut to `max` characters. */
export const shorten = (text: string, max: number) => {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** A link to the ticket; its URL was parsed as http(s), and `|` (which would end Slack's link) is escaped. */
export const ticketLink = (ticket: { url: string; label: string }) =>
  link(ticket.url.replace(/\|/g, '%7C'), ticket.label);
