import type { KnownBlock } from '@slack/types';
import type { TCustomerProfile, TScoreHistory } from '../../core/customers/customer-profile';
import { RECENT_DAYS, TREND_DAYS } from '../../core/customers/customer-profile';
import { signed } from '../../core/customers/customer-scores';
import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import {
  fromOutside,
  fromSlack,
  joinMrkdwn,
  type Mrkdwn,
  mrkdwn,
  mrkdwnOf,
  trusted,
  type UserText,
} from '../../core/shared/text/mrkdwn';
import { formatAge } from '../../core/shared/time/durations';
import { severityLabel, summaryFirstLine } from '../escalations/escalation-card';
import {
  capBlocks,
  context,
  fieldsSection,
  header,
  mention,
  message,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import { accountFactsSection } from './account-views';
import { formatArr, reasonLines } from './at-risk-views';

const STATUS_EMOJI: Record<string, string> = {
  active: ':large_green_circle:',
  churned: ':black_circle:',
  unknown: ':white_circle:',
};

function escalationLine(escalation: TEscalation, now: Date): Mrkdwn {
  const age = formatAge(escalation.createdAt, now);
  const owner = escalation.ownerId ? mention(escalation.ownerId) : trusted('_unclaimed_');
  const when =
    escalation.status === 'resolved' && escalation.resolvedAt
      ? mrkdwn`resolved ${slackDate(escalation.resolvedAt, '{date_short}')}`
      : `${escalation.status}, ${age === 'just now' ? 'flagged just now' : `${age} old`}`;
  const summary = summaryFirstLine(escalation, 120);
  return mrkdwn`• *${escalationRef(escalation.id)}* ${severityLabel(escalation.severity)} · ${owner} · ${when}\n   ${summary}`;
}

/** Every line of a comment inside the blockquote. */
const quoted = (text: UserText) => trusted(mrkdwnOf(text).text.replace(/\n/g, '\n>'));

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

function historyField(kind: 'nps' | 'csat', history: TScoreHistory): Mrkdwn {
  const label = kind.toUpperCase();
  if (history.last.length === 0) return trusted(`*${label}*\n_no responses yet_`);
  const { current, previous } = history;
  const trend = `${label} ${scoreText(kind, current.score)} (${current.responses}) over the last ${TREND_DAYS} days${trendArrow(history)} vs ${scoreText(kind, previous.score)} (${previous.responses}) the ${TREND_DAYS} before`;
  const last = history.last.map(
    (response) => mrkdwn`${response.score} ${slackDate(response.respondedAt, '{date_short}')}`,
  );
  return mrkdwn`*${label}*\n${trend}\nLatest: ${joinMrkdwn(last, ' · ')}`;
}

/** `/advocate customer <name>`: one customer on one screen. */
export function customerProfileMessage(profile: TCustomerProfile): TMessage {
  const { customer, now } = profile;
  const status = customer.status as keyof typeof STATUS_EMOJI;
  const since = customer.statusSince ? mrkdwn` since ${slackDate(customer.statusSince, '{date_short}')}` : '';
  const standing = [
    mrkdwn`${STATUS_EMOJI[status] ?? ''} *${customer.status === 'unknown' ? 'no lifecycle events yet' : customer.status}*${since}`,
    formatArr(customer.arr),
    profile.aliases.length ? mrkdwn`also known as ${joinMrkdwn(profile.aliases.map(fromOutside), ', ')}` : null,
  ].filter((part) => part !== null);
  const blocks: KnownBlock[] = [
    header(customer.name),
    section(joinMrkdwn(standing, ' · ')),
    accountFactsSection(customer, profile.channels, now),
  ];
  if (profile.atRisk.length) blocks.push(section(mrkdwn`:rotating_light: *At risk*\n${reasonLines(profile.atRisk)}`));

  const open = profile.open.map((escalation) => escalationLine(escalation, now));
  const moreOpen = profile.openTotal - profile.open.length;
  blocks.push(
    section(
      mrkdwn`*Open escalations (${profile.openTotal})*\n${open.length ? joinMrkdwn(open) : trusted('_none_')}${moreOpen > 0 ? `\n…and ${moreOpen} more: \`/advocate list\`` : ''}`,
    ),
  );
  if (profile.recent.length)
    blocks.push(
      section(
        mrkdwn`*Resolved in the last ${RECENT_DAYS} days*\n${joinMrkdwn(profile.recent.map((escalation) => escalationLine(escalation, now)))}`,
      ),
    );
  if (profile.themes.length)
    blocks.push(
      section(
        mrkdwn`*Themes*\n${joinMrkdwn(profile.themes.map((theme) => mrkdwn`• ${themeRef(theme.id)} ${fromSlack(truncate(theme.title, 120))} (${theme.status})`))}`,
      ),
    );
  blocks.push(fieldsSection([historyField('nps', profile.nps), historyField('csat', profile.csat)]));
  const detractor = profile.latestDetractor;
  if (detractor?.comment) {
    blocks.push(
      section(
        mrkdwn`*Latest detractor comment* (${detractor.kind.toUpperCase()} ${detractor.score}, ${slackDate(detractor.respondedAt, '{date_short}')})\n>${quoted(fromOutside(truncate(detractor.comment, 1500)))}`,
      ),
    );
  }
  blocks.push(
    context(
      trusted(
        '`/advocate customer at-risk` lists everyone at risk · `/advocate customer merge "&lt;from&gt;" "&lt;into&gt;"` joins two records',
      ),
    ),
  );
  const text = mrkdwn`${fromOutside(customer.name)}: ${customer.status}${profile.openTotal ? `, ${profile.openTotal} open escalation${profile.openTotal === 1 ? '' : 's'}` : ''}${profile.atRisk.length ? ', at risk' : ''}`;
  return message(
    text,
    capBlocks(blocks, SlackLimits.messageBlocks, (hidden) => mrkdwn`${hidden} more blocks not shown.`),
  );
}

/** An unknown name: the closest names instead of an empty profile. */
export function unknownCustomerMessage(name: string, suggestions: string[]): TMessage {
  const text = suggestions.length
    ? mrkdwn`No customer is named “${name}”. Did you mean ${joinMrkdwn(
        suggestions.map((suggestion) => mrkdwn`“${suggestion}”`),
        ', ',
      )}?`
    : mrkdwn`No customer is named “${name}”, and none has a similar name.`;
  const lines = suggestions.map((suggestion) => mrkdwn`• \`/advocate customer ${suggestion}\``);
  return {
    text: text.text,
    blocks: [
      section(
        mrkdwn`:mag: No customer is named *${fromOutside(name)}*.${suggestions.length ? ' Did you mean:' : ' No similar names either.'}`,
      ),
      ...(lines.length ? [section(joinMrkdwn(lines))] : []),
    ],
  };
}
