import type { KnownBlock } from '@slack/types';
import type { TEscalation } from '../../db/repositories/escalations';
import type { TCustomerProfile, TScoreHistory } from '../../domain/customers/profile';
import { RECENT_DAYS, TREND_DAYS } from '../../domain/customers/profile';
import { signed } from '../../domain/customers/scores';
import { escalationRef, themeRef } from '../../domain/escalations/vocabulary';
import { formatAge } from '../../domain/time/durations';
import { formatArr, reasonLines } from './customer-at-risk';
import { severityLabel } from './escalation-card';
import {
  capBlocks,
  context,
  escapeMrkdwn,
  header,
  mention,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from './limits';

const STATUS_EMOJI: Record<string, string> = {
  active: ':large_green_circle:',
  churned: ':black_circle:',
  unknown: ':white_circle:',
};

function escalationLine(escalation: TEscalation, now: Date) {
  const age = formatAge(escalation.createdAt, now);
  const owner = escalation.ownerId ? mention(escalation.ownerId) : '_unclaimed_';
  const when =
    escalation.status === 'resolved' && escalation.resolvedAt
      ? `resolved ${slackDate(escalation.resolvedAt, '{date_short}')}`
      : `${escalation.status}, ${age === 'just now' ? 'flagged just now' : `${age} old`}`;
  const summary = escapeMrkdwn(truncate(escalation.summary.split('\n')[0] ?? '', 120));
  return `• *${escalationRef(escalation.id)}* ${severityLabel(escalation.severity)} · ${owner} · ${when}\n   ${summary}`;
}

function scoreText(kind: 'nps' | 'csat', score: number | null) {
  if (score === null) return '—';
  return kind === 'nps' ? signed(score) : `${score}%`;
}

function trendArrow(history: TScoreHistory) {
  const { current, previous } = history;
  if (current.score === null || previous.score === null) return '';
  if (current.score > previous.score) return ' :arrow_upper_right:';
  if (current.score < previous.score) return ' :arrow_lower_right:';
  return ' :arrow_right:';
}

function historyField(kind: 'nps' | 'csat', history: TScoreHistory) {
  const label = kind.toUpperCase();
  if (history.last.length === 0) return `*${label}*\n_no responses yet_`;
  const { current, previous } = history;
  const trend = `${label} ${scoreText(kind, current.score)} (${current.responses}) over the last ${TREND_DAYS} days${trendArrow(history)} vs ${scoreText(kind, previous.score)} (${previous.responses}) the ${TREND_DAYS} before`;
  const last = history.last.map((response) => `${response.score} ${slackDate(response.respondedAt, '{date_short}')}`);
  return `*${label}*\n${trend}\nLatest: ${last.join(' · ')}`;
}

/** `/advocate customer <name>`: one customer on one screen. */
export function customerProfileMessage(profile: TCustomerProfile): TMessage {
  const { customer, now } = profile;
  const status = customer.status as keyof typeof STATUS_EMOJI;
  const since = customer.statusSince ? ` since ${slackDate(customer.statusSince, '{date_short}')}` : '';
  const standing = [
    `${STATUS_EMOJI[status] ?? ''} *${customer.status === 'unknown' ? 'no lifecycle events yet' : customer.status}*${since}`,
    formatArr(customer.arr),
    profile.aliases.length ? `also known as ${profile.aliases.map(escapeMrkdwn).join(', ')}` : null,
  ].filter(Boolean);
  const blocks: KnownBlock[] = [header(customer.name), section(standing.join(' · '))];
  if (profile.atRisk.length)
    blocks.push(section(`:rotating_light: *At risk*\n${reasonLines(profile.atRisk).join('\n')}`));

  const open = profile.open.map((escalation) => escalationLine(escalation, now));
  const moreOpen = profile.openTotal - profile.open.length;
  blocks.push(
    section(
      `*Open escalations (${profile.openTotal})*\n${open.length ? open.join('\n') : '_none_'}${moreOpen > 0 ? `\n…and ${moreOpen} more: \`/advocate list\`` : ''}`,
    ),
  );
  if (profile.recent.length)
    blocks.push(
      section(
        `*Resolved in the last ${RECENT_DAYS} days*\n${profile.recent.map((escalation) => escalationLine(escalation, now)).join('\n')}`,
      ),
    );
  if (profile.themes.length)
    blocks.push(
      section(
        `*Themes*\n${profile.themes.map((theme) => `• ${themeRef(theme.id)} ${escapeMrkdwn(truncate(theme.title, 120))} (${theme.status})`).join('\n')}`,
      ),
    );
  blocks.push({
    type: 'section',
    fields: [historyField('nps', profile.nps), historyField('csat', profile.csat)].map((text) => ({
      type: 'mrkdwn' as const,
      text: truncate(text, SlackLimits.sectionField),
    })),
  });
  const detractor = profile.latestDetractor;
  if (detractor?.comment) {
    blocks.push(
      section(
        `*Latest detractor comment* (${detractor.kind.toUpperCase()} ${detractor.score}, ${slackDate(detractor.respondedAt, '{date_short}')})\n>${escapeMrkdwn(truncate(detractor.comment, 1500)).replace(/\n/g, '\n>')}`,
      ),
    );
  }
  blocks.push(
    context(
      '`/advocate customer at-risk` lists everyone at risk · `/advocate customer merge "<from>" "<into>"` joins two records',
    ),
  );
  const text = truncate(
    `${customer.name}: ${customer.status}${profile.openTotal ? `, ${profile.openTotal} open escalation${profile.openTotal === 1 ? '' : 's'}` : ''}${profile.atRisk.length ? ', at risk' : ''}`,
    SlackLimits.fallbackText,
  );
  return { text, blocks: capBlocks(blocks, SlackLimits.messageBlocks, (hidden) => `${hidden} more blocks not shown.`) };
}

/** An unknown name: the closest names instead of an empty profile. */
export function unknownCustomerMessage(name: string, suggestions: string[]): TMessage {
  const text = suggestions.length
    ? `No customer is named “${name}”. Did you mean ${suggestions.map((suggestion) => `“${suggestion}”`).join(', ')}?`
    : `No customer is named “${name}”, and none has a similar name.`;
  const lines = suggestions.map((suggestion) => `• \`/advocate customer ${suggestion}\``);
  return {
    text,
    blocks: [
      section(
        `:mag: No customer is named *${escapeMrkdwn(name)}*.${suggestions.length ? ' Did you mean:' : ' No similar names either.'}`,
      ),
      ...(lines.length ? [section(escapeMrkdwn(lines.join('\n')))] : []),
    ],
  };
}
