import type { KnownBlock } from '@slack/types';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, joinMrkdwn, type Mrkdwn, mrkdwn, truncateMrkdwn } from '../../core/shared/text/mrkdwn';
import { formatAge } from '../../core/shared/time/durations';
import type { TThemeSuggestion } from '../../core/themes/theme-suggestions';
import type { TThemeSummary } from '../../core/themes/theme-summary';
import type { TTheme } from '../../core/themes/themes-repository';
import { context, mention, SlackLimits, section, truncate } from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { ticketsSummary, waitingSince } from './theme-ticket-views';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const suggestionButtonValue = (suggestion: Pick<TThemeSuggestion, 'tag' | 'escalationIds'>) =>
  JSON.stringify({ tag: suggestion.tag, escalationIds: suggestion.escalationIds });

/**
 * The open digest's proposals: one section per #tag with a "Create theme" button, within `maxBlocks` (the last
 * block says how many more there are when they do not all fit).
 */
export function themeSuggestionBlocks(suggestions: TThemeSuggestion[], maxBlocks: number): KnownBlock[] {
  if (suggestions.length === 0 || maxBlocks < 2) return [];
  const room = suggestions.length + 1 > maxBlocks ? maxBlocks - 2 : suggestions.length;
  const blocks: KnownBlock[] = [
    section(
      mrkdwn`*:bulb: Possible themes* · ${plural(suggestions.length, 'tag')} reported by several customers in the last 14 days, in no theme yet`,
    ),
  ];
  for (const suggestion of suggestions.slice(0, room)) {
    const shown = joinMrkdwn(suggestion.customers.slice(0, 8).map(fromOutside), ', ');
    const moreCustomers = suggestion.customers.length > 8 ? ` and ${suggestion.customers.length - 8} more` : '';
    const refs = suggestion.escalationIds
      .slice(0, 12)
      .map((id) => `ADV-${id}`)
      .join(', ');
    const moreRefs = suggestion.escalationCount > 12 ? ` and ${suggestion.escalationCount - 12} more` : '';
    blocks.push({
      type: 'section',
      block_id: truncate(`theme_suggestion_${suggestion.tag}`, 255),
      text: {
        type: 'mrkdwn',
        text: truncateMrkdwn(
          mrkdwn`*\`#${suggestion.tag}\`* · ${plural(suggestion.customers.length, 'customer')} (${shown}${moreCustomers}) · ${plural(suggestion.escalationCount, 'open escalation')}: ${refs}${moreRefs}`,
          SlackLimits.sectionText,
        ).text,
      },
      accessory: {
        type: 'button',
        action_id: ActionId.CreateSuggestedTheme,
        text: { type: 'plain_text', text: 'Create theme' },
        value: suggestionButtonValue(suggestion),
      },
    });
  }
  if (room < suggestions.length) blocks.push(context(mrkdwn`…and ${suggestions.length - room} more tags.`));
  return blocks;
}

/** The weekly report's open themes, most customers affected first, packed into as few sections as fit. */
export function openThemesBlocks(
  themes: { theme: TTheme; summary: TThemeSummary }[],
  now: Date,
  maxBlocks: number,
): KnownBlock[] {
  if (maxBlocks < 3) return [];
  const title = '*Open themes* by customers affected';
  if (themes.length === 0) return [section(mrkdwn`${title}\n_No open themes._`)];
  // One block for the title, one kept for the "more" note.
  const maxChunks = maxBlocks - 2;
  const chunks: Mrkdwn[][] = [[]];
  const sizes = [0];
  let shown = 0;
  for (const { theme, summary } of themes) {
    const owner = theme.ownerId ? mrkdwn` · owner ${mention(theme.ownerId)}` : '';
    const since = waitingSince(theme);
    const tickets = theme.tickets?.length
      ? mrkdwn`\n      ↳ tickets: ${ticketsSummary(theme.tickets)}${since ? mrkdwn` · waiting on engineering for ${formatAge(since, now)}` : theme.ticketsClosedAt ? ' · all closed, ready to resolve' : ''}`
      : '';
    const line = mrkdwn`*${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 120))} · ${plural(summary.customers.length, 'customer')} · ${plural(summary.linked, 'escalation')} (${summary.open} open) · ${formatAge(theme.createdAt, now)}${owner}${tickets}`;
    const last = chunks.length - 1;
    if (sizes[last]! + line.length + 1 <= SlackLimits.sectionText) {
      chunks[last]!.push(line);
      sizes[last]! += line.length + 1;
    } else if (chunks.length < maxChunks) {
      chunks.push([line]);
      sizes.push(line.length);
    } else {
      break;
    }
    shown += 1;
  }
  const blocks: KnownBlock[] = [
    section(mrkdwn`${title} · ${themes.length} open`),
    ...chunks.filter((chunk) => chunk.length).map((chunk) => section(joinMrkdwn(chunk))),
  ];
  if (shown < themes.length) blocks.push(context(mrkdwn`…and ${themes.length - shown} more open themes.`));
  return blocks;
}
