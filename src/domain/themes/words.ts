import { fromSlack, mrkdwn } from '../../text/slack-text';
import { escalationRef, themeRef } from '../escalations/vocabulary';

/** "ADV-1", "ADV-1 and ADV-2", "ADV-1, ADV-2 and ADV-3". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export const escalationRefs = (ids: number[]) => listWords(ids.map(escalationRef));

/** `*THM-3* “Billing double charges”` as lines and replies name a theme. */
export const themeLabel = (theme: { id: number; title: string }) =>
  mrkdwn`*${themeRef(theme.id)}* “${fromSlack(theme.title)}”`;

export const shorten = (text: string, max: number) => {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
