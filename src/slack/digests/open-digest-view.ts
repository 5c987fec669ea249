import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import {
  IDS_PER_HOLDER,
  type TMedianPair,
  type TOpenDigestChanges,
  type TOpenDigestState,
  type TUnclaimedEntry,
} from '../../core/digests/open-digest-state';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TDigestEscalation } from '../../core/escalations/escalations-repository-digest';
import { fromOutside, link, type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { formatAge, formatDuration } from '../../core/shared/time/durations';
import { severityLabel, summaryFirstLine } from '../escalations/escalation-card';
import {
  context,
  divider,
  header,
  mention,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import { packLines, paginateDigest } from './digest-pages';

export const OPEN_DIGEST_TITLE = 'Open escalations';
/** Sections for the unclaimed list and for holders; the rest is summarised in a line. */
const UNCLAIMED_SECTIONS = 8;
const HOLDER_SECTIONS = 4;

/** A link to the card when we know where it is, else the bare ID. */
export type TCardLink = (escalation: Pick<TDigestEscalation, 'id' | 'cardChannelId' | 'cardTs'>) => string | null;

export interface TOpenDigestView {
  state: TOpenDigestState;
  changes: TOpenDigestChanges;
  cardLink: TCardLink;
  /** Blocks other capabilities add (open-digest-sections.ts), already capped, in registration order. */
  extraSections: KnownBlock[][];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function refList(ids: number[], total: number) {
  const shown = ids.map(escalationRef).join(', ');
  return total > ids.length ? `${shown} +${total - ids.length} more` : shown;
}

function changesLine(changes: TOpenDigestChanges): string {
  if (!changes.since) return '_First digest here: from the next one on it says what changed in between._';
  const when = slackDate(changes.since);
  const { flagged, resolved } = changes;
  if (flagged.count === 0 && resolved.count === 0)
    return `Nothing new or resolved since the previous digest (${when}).`;
  const parts = [
    flagged.count ? `*${flagged.count} new*: ${refList(flagged.ids, flagged.count)}` : '*0 new*',
    resolved.count ? `*${resolved.count} resolved*: ${refList(resolved.ids, resolved.count)}` : '*0 resolved*',
  ];
  return `*Since the previous digest* (${when}): ${parts.join(' · ')}`;
}

function medianLine(label: string, pair: TMedianPair): string {
  const show = (ms: number | null, count: number) => (ms === null ? 'none' : `${formatDuration(ms)} (${count})`);
  let trend = '';
  if (pair.recent !== null && pair.previous !== null && pair.recent !== pair.previous)
    trend = pair.recent < pair.previous ? ' :arrow_down_small: faster' : ' :arrow_up_small: slower';
  return `*Median time to ${label}*: ${show(pair.recent, pair.recentCount)} in the last 7 days, ${show(pair.previous, pair.previousCount)} in the 7 before${trend}`;
}

function unclaimedLine(entry: TUnclaimedEntry, cardLink: string | null, now: Date): Mrkdwn {
  const { escalation } = entry;
  const ref = escalationRef(escalation.id);
  const id = cardLink ? mrkdwn`*${link(cardLink, ref)}*` : mrkdwn`*${ref}*`;
  const customer = escalation.customer ? mrkdwn` · ${fromOutside(truncate(escalation.customer.name, 60))}` : '';
  const overdue = entry.overdue ? ' · :alarm_clock: past its SLA' : '';
  const notPosted = escalation.postState === 'posted' ? '' : ' · :hourglass: card not posted yet';
  const summary = summaryFirstLine(escalation, 100);
  return mrkdwn`${id} · ${formatAge(escalation.createdAt, now)} · ${severityLabel(escalation.severity)}${customer}${overdue}${notPosted} — ${summary}`;
}

function unclaimedBlocks(view: TOpenDigestView): KnownBlock[] {
  const { state, cardLink } = view;
  if (state.openCount === 0) return [section(trusted('*Open (unclaimed)*: none, every open escalation has an owner.'))];
  const lines = state.unclaimed.map((entry) => unclaimedLine(entry, cardLink(entry.escalation), state.now));
  const packed = packLines(lines, {
    heading: mrkdwn`*Open (unclaimed), oldest first* · ${state.openCount}`,
    maxSections: UNCLAIMED_SECTIONS,
  });
  const notListed = state.openCount - (lines.length - packed.left);
  if (notListed <= 0) return packed.blocks;
  const bySeverity = state.unlistedUnclaimed.length
    ? `: ${state.unlistedUnclaimed.map((entry) => `${entry.count} ${entry.severity}`).join(' · ')}`
    : '';
  return [
    ...packed.blocks,
    context(mrkdwn`…and ${notListed} more unclaimed${packed.left ? '' : bySeverity}. \`/advocate list\` lists them.`),
  ];
}

function holdingBlocks(state: TOpenDigestState): KnownBlock[] {
  if (state.holdings.length === 0) return [section(trusted('*Who holds what*: nobody holds an escalation right now.'))];
  const lines = state.holdings.map(
    (holding) =>
      mrkdwn`${mention(holding.ownerId)} · ${holding.count}: ${trusted(refList(holding.escalationIds.slice(0, IDS_PER_HOLDER), holding.count))}`,
  );
  const packed = packLines(lines, { heading: trusted('*Who holds what*'), maxSections: HOLDER_SECTIONS });
  if (!packed.left) return packed.blocks;
  const rest = state.holdings.slice(state.holdings.length - packed.left);
  const held = rest.reduce((sum, holding) => sum + holding.count, 0);
  return [...packed.blocks, context(mrkdwn`…and ${plural(packed.left, 'more person')} holding ${held}.`)];
}

function totalsBlock(state: TOpenDigestState): KnownBlock {
  const total = state.openCount + state.claimedCount;
  const fields = state.totals
    .filter((entry) => entry.open + entry.claimed > 0)
    .map((entry) => ({
      type: 'mrkdwn' as const,
      text: `${severityLabel(entry.severity)}: *${entry.open}* open · *${entry.claimed}* claimed`,
    }));
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*${plural(total, 'open escalation')}*: ${state.openCount} open (unclaimed) · ${state.claimedCount} claimed`,
    },
    ...(fields.length ? { fields: fields.slice(0, SlackLimits.sectionFields) } : {}),
  };
}

/**
 * The open-escalations digest. Bounded by construction: lists are packed into a fixed number of sections and the
 * rest is counted, and whatever other capabilities add is split across messages of at most 50 blocks.
 */
export function openDigestMessages(view: TOpenDigestView): TMessage[] {
  const { state, changes } = view;
  const total = state.openCount + state.claimedCount;
  const extras = view.extraSections.filter((blocks) => blocks.length > 0);
  if (total === 0) {
    const resolved = changes.resolved.count ? ` (${changes.resolved.count} resolved since the previous digest)` : '';
    const line = `:white_check_mark: No open escalations${resolved}.`;
    const blocks = [section(trusted(line)), ...extras.flatMap((blocks) => [divider(), ...blocks])];
    return paginateDigest(blocks, trusted(`No open escalations${resolved}.`), OPEN_DIGEST_TITLE);
  }
  const day = DateTime.fromJSDate(state.now, { zone: state.timeZone }).toFormat('ccc d LLL yyyy');
  const blocks: KnownBlock[] = [
    header(`${OPEN_DIGEST_TITLE} · ${day}`),
    totalsBlock(state),
    // Counts, durations and links to cards: no person's text.
    section(trusted(changesLine(changes))),
    context(trusted(`${medianLine('claim', state.timeToClaim)}\n${medianLine('resolve', state.timeToResolve)}`)),
    divider(),
    ...unclaimedBlocks(view),
    divider(),
    ...holdingBlocks(state),
    ...extras.flatMap((extra) => [divider(), ...extra]),
  ];
  const news = changes.since
    ? `; ${changes.flagged.count} new, ${changes.resolved.count} resolved since the last digest`
    : '';
  const text = mrkdwn`${OPEN_DIGEST_TITLE}: ${total} (${state.openCount} open, ${state.claimedCount} claimed)${news}`;
  return paginateDigest(blocks, text, OPEN_DIGEST_TITLE);
}
