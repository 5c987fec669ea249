import type { Button, KnownBlock } from '@slack/types';
import {
  escalationRef,
  isOpenStatus,
  SEVERITY_EMOJI,
  type TSeverity,
  themeRef,
} from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { describeSlaClock, readSlaClock, type TSlaDisplay } from '../../core/escalations/sla-clock';
import {
  fromOutside,
  fromSlack,
  joinMrkdwn,
  type Mrkdwn,
  mrkdwn,
  mrkdwnOf,
  plainOf,
  truncateMrkdwn,
  trusted,
} from '../../core/shared/text/mrkdwn';
import { accountLine } from '../customers/account-views';
import {
  channelMention,
  context,
  fieldsSection,
  header,
  mention,
  message,
  plainText,
  SlackLimits,
  section,
  slackDate,
  type TMessage,
  truncate,
} from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { waitingMenu } from './escalation-waiting-menu';

/** The start of a long summary on the card; the whole text is in `/advocate show ADV-n`. */
const CARD_SUMMARY_MAX = 2600;
/** What a notification shows of the summary: enough to recognise it. */
const FALLBACK_SUMMARY_MAX = 300;

/** The escalation and the version the card showed, so a press on an out-of-date card can say so. */
export const escalationButtonValue = (escalation: Pick<TEscalation, 'id' | 'version'>) =>
  JSON.stringify({ escalationId: escalation.id, version: escalation.version });

export function severityLabel(severity: string) {
  return `${SEVERITY_EMOJI[severity as TSeverity] ?? ''} ${severity}`.trim();
}

/** The status word, with who holds it and, beside it, what it waits on: `claimed by @ann · waiting on customer`. */
export function statusLabel(
  escalation: Pick<TEscalation, 'status' | 'ownerId'> & { waitingOn?: string | null },
): Mrkdwn {
  const word =
    escalation.status === 'claimed' && escalation.ownerId
      ? mrkdwn`claimed by ${mention(escalation.ownerId)}`
      : trusted(escalation.status);
  const waiting = escalation.waitingOn && isOpenStatus(escalation.status) ? escalation.waitingOn : null;
  return waiting ? mrkdwn`${word} · waiting on ${trusted(waiting)}` : word;
}

/** Summaries are typed in Slack by an agent, so their mentions stay mentions. */
export const summaryText = (escalation: Pick<TEscalation, 'summary'>) => fromSlack(escalation.summary);
/** The summary's first line, cut to `max`: how lists and digests name an escalation. */
export const summaryFirstLine = (escalation: Pick<TEscalation, 'summary'>, max: number) =>
  summaryText({ summary: truncate(escalation.summary.split('\n')[0] ?? '', max) });
/** Customer names come from anywhere (surveys, CSV, CRM), so they never mention anyone. */
export const customerName = (customer: { name: string }) => fromOutside(customer.name);
/** The link someone gave for the conversation, shown as its address (a bare `<url>`), never behind a label. */
export const conversationLink = (url: string) => mrkdwnOf(fromSlack(`<${url}>`));

function button(
  actionId: string,
  text: string,
  escalation: Pick<TEscalation, 'id' | 'version'>,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plainText(text, SlackLimits.buttonText),
    value: escalationButtonValue(escalation),
    ...(style ? { style } : {}),
  };
}

/**
 * The buttons match the reactions: Claim (:eyes:; "Take over" when someone else holds it), Resolve
 * (:white_check_mark:), Raise (:arrow_double_up:, until critical), and Reopen once resolved. `viewerId` is who
 * sees them when only one person does (the App Home): their own escalation offers no "Take over".
 */
export function escalationCardButtons(escalation: TEscalation, viewerId?: string): Button[] {
  const buttons: Button[] = [];
  if (escalation.status === 'withdrawn') {
    // Withdrawn is final: nothing to claim, resolve or reopen.
  } else if (escalation.status === 'resolved') {
    buttons.push(button(ActionId.Reopen, 'Reopen', escalation));
  } else {
    const ownedByViewer = viewerId !== undefined && escalation.status === 'claimed' && escalation.ownerId === viewerId;
    if (!ownedByViewer)
      buttons.push(
        button(ActionId.Claim, escalation.status === 'claimed' ? 'Take over' : 'Claim', escalation, 'primary'),
      );
    buttons.push(button(ActionId.Resolve, 'Resolve', escalation, ownedByViewer ? 'primary' : undefined));
    if (escalation.severity !== 'critical') buttons.push(button(ActionId.Raise, 'Raise', escalation));
  }
  if (escalation.customer) {
    buttons.push({
      type: 'button',
      action_id: ActionId.CustomerProfile,
      text: plainText(`Customer: ${plainOf(escalation.customer.name)}`, SlackLimits.buttonText),
      value: JSON.stringify({ customerId: escalation.customer.id }),
    });
  }
  return buttons;
}

export const CARD_SUMMARY_BLOCK = 'summary';

/** True when the card shows only the start of the summary. */
export const summaryIsCut = (escalation: Pick<TEscalation, 'summary'>) =>
  mrkdwnOf(summaryText(escalation)).length > CARD_SUMMARY_MAX;

/**
 * The card in the advocate channel: everything an advocate needs to decide, and the buttons to act. `now` dates the
 * renewal ("renews in 41 days"); without it the account shows the renewal date alone. `sla` adds the clock that
 * matters now ("claim due Tue 14:00", "resolve paused: waiting on customer since Mon 10:12").
 */
export function escalationCard(escalation: TEscalation, now?: Date, sla?: TSlaDisplay): TMessage {
  const ref = escalationRef(escalation.id);
  const firstLine = escalation.summary.split('\n')[0] ?? '';
  const summary = truncateMrkdwn(
    mrkdwnOf(summaryText(escalation)),
    CARD_SUMMARY_MAX,
    mrkdwn`… _(${escalation.summary.length.toLocaleString('en-US')} characters in all: \`/advocate show ${ref}\` has the full text)_`,
  );
  const fields: Mrkdwn[] = [
    mrkdwn`*Customer*\n${escalation.customer ? customerName(escalation.customer) : trusted('_not named_')}`,
    mrkdwn`*Severity*\n${severityLabel(escalation.severity)}`,
    mrkdwn`*Status*\n${statusLabel(escalation)}`,
    mrkdwn`*Reporter*\n${mention(escalation.reporterId)}`,
    mrkdwn`*Tags*\n${
      escalation.tags.length
        ? joinMrkdwn(
            escalation.tags.map((tag) => mrkdwn`\`#${tag.tag}\``),
            ' ',
          )
        : trusted('_none_')
    }`,
    mrkdwn`*Source*\n${escalation.sourceLink ? conversationLink(escalation.sourceLink) : channelMention(escalation.sourceChannelId)}`,
  ];
  const account = escalation.customer ? accountLine(escalation.customer, now) : null;
  if (account) fields.push(mrkdwn`*Account*\n${account}`);
  if (escalation.theme)
    fields.push(mrkdwn`*Theme*\n${themeRef(escalation.theme.id)} ${fromSlack(escalation.theme.title)}`);
  const times = [mrkdwn`Flagged ${slackDate(escalation.createdAt)}`];
  if (escalation.claimedAt && escalation.status !== 'open')
    times.push(mrkdwn`claimed ${slackDate(escalation.claimedAt)}`);
  if (escalation.resolvedAt && escalation.status === 'resolved')
    times.push(mrkdwn`resolved ${slackDate(escalation.resolvedAt)}`);
  const clock = sla && now ? readSlaClock(sla.policy, escalation, now) : null;
  // An absolute due time: the card is updated when the escalation changes, not as the minutes pass.
  if (clock && sla && now)
    times.push(mrkdwn`:stopwatch: ${trusted(describeSlaClock(clock, now, sla.timeZone, false))}`);

  const shownFirstLine = plainOf(summaryText({ summary: firstLine }));
  const headerText = `${ref} · ${truncate(shownFirstLine, SlackLimits.headerText - ref.length - 3)}`;
  // A one-line summary that fits the header is not repeated below it.
  const summaryInHeader = escalation.summary === firstLine && headerText.endsWith(shownFirstLine);
  const blocks: KnownBlock[] = [
    header(headerText),
    ...(summaryInHeader ? [] : [section(summary, CARD_SUMMARY_BLOCK)]),
    fieldsSection(fields),
    context(joinMrkdwn(times, ' · ')),
  ];
  const wait = waitingMenu(escalation);
  const elements = [...escalationCardButtons(escalation), ...(wait ? [wait] : [])];
  // A withdrawn card without a customer has no button, and Slack refuses an empty actions block.
  if (elements.length) blocks.push({ type: 'actions', block_id: `escalation_actions_${escalation.id}`, elements });
  const start = truncate(escalation.summary, FALLBACK_SUMMARY_MAX);
  const fallback = escalation.customer
    ? mrkdwn`${ref} (${escalation.severity}, ${escalation.status}) for ${customerName(escalation.customer)}: ${fromSlack(start)}`
    : mrkdwn`${ref} (${escalation.severity}, ${escalation.status}): ${fromSlack(start)}`;
  return message(fallback, blocks);
}
