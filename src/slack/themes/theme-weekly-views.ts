import type { KnownBlock } from '@slack/types';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, joinMrkdwn, type Mrkdwn, mrkdwn, truncateMrkdwn } from '../../core/shared/text/mrkdwn';
import { formatChange, formatScore } from '../../core/surveys/survey-maths';
import { outcomeFigures, type TSide } from '../../core/themes/fix-outcome';
import type { TNpsAttribution } from '../../core/themes/nps-attribution';
import type { TFixCheckInWeek } from '../../core/themes/weekly-theme-figures';
import { context, SlackLimits, section, truncate } from '../kit/block-limits';
import { ActionId } from '../kit/ids';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const moved = (before: TSide, now: TSide) =>
  `${formatScore('nps', before.score)} → ${formatScore('nps', now.score)} (${before.responses} → ${now.responses} responses)`;
const quote = (comment: string | null, max: number) =>
  comment ? mrkdwn`“${fromOutside(truncate(comment.replace(/\s+/g, ' ').trim(), max))}”` : mrkdwn`_no comment_`;

export const linkDetractorButtonValue = (themeId: number, responseId: number) =>
  JSON.stringify({ themeId, responseId });

/** "Fixes, 30 days on": each theme whose check fell in the week, its verdict and its figures before → after. */
export function fixesWeekBlocks(checks: TFixCheckInWeek[], days: number, maxBlocks: number): KnownBlock[] {
  if (checks.length === 0 || maxBlocks < 1) return [];
  const lines = checks.map(
    ({ theme, outcome }) =>
      mrkdwn`• *${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 80))} · ${outcome.verdict} · ${outcomeFigures(outcome.nps)} · ${outcomeFigures(outcome.csat)}`,
  );
  return [
    section(
      truncateMrkdwn(
        joinMrkdwn([mrkdwn`*Fixes, ${days} days on* · ${plural(checks.length, 'theme')} checked this week`, ...lines]),
        SlackLimits.sectionText,
      ),
    ),
  ];
}

/**
 * "Why NPS moved": the week's detractors split by open theme, each theme's accounts against last week and the rest,
 * the detractors linked to no theme with their comments, then the comments that may belong to a theme, each with a
 * button for an advocate to link it (nothing is linked by itself).
 */
export function whyNpsMovedBlocks(attribution: TNpsAttribution, maxBlocks: number): KnownBlock[] {
  if (maxBlocks < 2 || (attribution.now.responses === 0 && attribution.before.responses === 0)) return [];
  const change = formatChange(attribution.now.score, attribution.before.score);
  const head = mrkdwn`*Why NPS moved* · NPS ${formatScore('nps', attribution.now.score)}${change ? ` (${change} vs last week's ${formatScore('nps', attribution.before.score)})` : ''}`;
  const themes = attribution.themes.filter((theme) => theme.detractors > 0 || theme.now.responses > 0).slice(0, 8);
  const lines: Mrkdwn[] = themes.map(
    (theme) =>
      mrkdwn`• ${theme.detractors} of ${plural(attribution.detractors, 'detractor')} ${theme.detractors === 1 ? 'is a customer' : 'are customers'} of *${themeRef(theme.id)}* · ${fromSlack(truncate(theme.title, 80))}: its ${plural(theme.accounts, 'account')} went ${moved(theme.before, theme.now)}`,
  );
  lines.push(mrkdwn`• Accounts in no open theme went ${moved(attribution.rest.before, attribution.rest.now)}`);
  const blocks: KnownBlock[] = [section(truncateMrkdwn(joinMrkdwn([head, ...lines]), SlackLimits.sectionText))];

  if (attribution.unlinked.length) {
    const shown = attribution.unlinked
      .slice(0, 10)
      .map(
        (line) => mrkdwn`${fromOutside(truncate(line.customerName, 60))} (${line.score}) ${quote(line.comment, 160)}`,
      );
    const more = attribution.unlinked.length - shown.length;
    blocks.push(
      section(
        truncateMrkdwn(
          mrkdwn`*${attribution.unlinked.length} of ${plural(attribution.detractors, 'detractor')} not linked to a theme:* ${joinMrkdwn(shown, ' · ')}${more > 0 ? ` and ${more} more` : ''}`,
          SlackLimits.sectionText,
        ),
      ),
    );
  }

  const suggestions = attribution.themes.flatMap((theme) =>
    theme.suggestions.map((suggestion) => ({ theme, suggestion })),
  );
  const room = maxBlocks - blocks.length;
  const fit = suggestions.length > room ? Math.max(0, room - 1) : suggestions.length;
  for (const { theme, suggestion } of suggestions.slice(0, fit)) {
    blocks.push({
      type: 'section',
      block_id: truncate(`theme_link_detractor_${theme.id}_${suggestion.responseId}`, 255),
      text: {
        type: 'mrkdwn',
        text: truncateMrkdwn(
          mrkdwn`may belong to *${themeRef(theme.id)}*: ${fromOutside(truncate(suggestion.customerName, 60))} (${suggestion.score}) — ${quote(suggestion.comment, 300)}`,
          SlackLimits.sectionText,
        ).text,
      },
      accessory: {
        type: 'button',
        action_id: ActionId.ThemeLinkDetractor,
        text: { type: 'plain_text', text: `Link to ${themeRef(theme.id)}` },
        value: linkDetractorButtonValue(theme.id, suggestion.responseId),
      },
    });
  }
  if (fit < suggestions.length && room > 0)
    blocks.push(context(mrkdwn`…and ${suggestions.length - fit} more comments that may belong to a theme.`));
  return blocks;
}
