import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalationEvent, TSlaReminder } from '../../core/shared/outbox/outbox-messages';
import { fromSlack, link, type Mrkdwn, mention, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { formatDuration } from '../../core/shared/time/durations';
import { quoteNote } from './escalation-notes';

const THREAD_EMOJI: Record<TEscalationEvent['type'], string> = {
  claimed: ':eyes:',
  reassigned: ':eyes:',
  resolved: ':white_check_mark:',
  reopened: ':leftwards_arrow_with_hook:',
  severity_raised: ':arrow_double_up:',
  withdrawn: ':heavy_minus_sign:',
};

/** The line in the card's thread saying who did what, and how (reaction, button, command…). */
export function escalationEventLine(event: TEscalationEvent): Mrkdwn {
  const emoji = trusted(THREAD_EMOJI[event.type] ?? ':memo:');
  const how = mrkdwn` _(${event.via})_`;
  const actor = mention(event.actorId);
  switch (event.type) {
    case 'reassigned':
      return mrkdwn`${emoji} ${actor} took this over from ${mention(event.from ?? '')}${how}`;
    case 'severity_raised':
      return mrkdwn`${emoji} ${actor} raised the severity ${event.from ?? ''} → ${event.to ?? ''}${how}`;
    case 'withdrawn':
      return mrkdwn`${emoji} ${actor} withdrew this: it was flagged by mistake and is no longer open (not counted as resolved)${how}`;
    default:
      return mrkdwn`${emoji} ${actor} ${event.type} this (now ${event.to ?? ''})${how}`;
  }
}

const REPORTER_VERB: Record<TEscalationEvent['type'], string> = {
  claimed: 'was claimed by',
  reassigned: 'was claimed by',
  resolved: 'was resolved by',
  reopened: 'was reopened by',
  severity_raised: 'was claimed by',
  withdrawn: 'was withdrawn by',
};

const SUMMARY_MAX = 80;

/**
 * The DM to the person who flagged the escalation: what happened, the advocate's note (how it was resolved, which the
 * agent tells the customer), and a link to the card.
 */
export function reporterNotice(
  notice: { escalationId: number; summary: string; event: TEscalationEvent },
  cardLink?: string | null,
): Mrkdwn {
  const { summary } = notice;
  const short = summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary;
  const verb = trusted(REPORTER_VERB[notice.event.type]);
  const head = mrkdwn`Your escalation *${escalationRef(notice.escalationId)}* “${fromSlack(short)}” ${verb} ${mention(notice.event.actorId)}.`;
  const note = notice.event.note ? mrkdwn`\n${quoteNote(notice.event.note)}` : trusted('');
  const card = cardLink ? mrkdwn`\n${link(cardLink, 'View the card')}` : trusted('');
  return mrkdwn`${head}${note}${card}`;
}

/** The reminder in the card's thread, calling on the advocates. */
export function slaReminderLine(escalationId: number, reminder: TSlaReminder): Mrkdwn {
  const limit = formatDuration(reminder.limitMs);
  const past = reminder.breaches === 1 ? `past its ${limit} limit` : `${reminder.breaches}× its ${limit} limit`;
  return mrkdwn`:alarm_clock: ${trusted(reminder.mention)} *${escalationRef(escalationId)}* (${reminder.severity}) has been unclaimed for ${formatDuration(reminder.ageMs)}, ${past}. Claim it with :eyes: or the Claim button.`;
}
