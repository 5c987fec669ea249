import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import type { TSlaNotice } from '../../core/shared/outbox/outbox-messages';
import {
  fromOutside,
  fromSlack,
  type Mrkdwn,
  mention,
  mrkdwn,
  slackDate,
  trusted,
} from '../../core/shared/text/mrkdwn';
import { formatDuration } from '../../core/shared/time/durations';

const dueText = (notice: TSlaNotice) => slackDate(new Date(notice.dueAt));
const targetText = (notice: TSlaNotice) => trusted(`${notice.target} target of ${formatDuration(notice.targetMs)}`);

/** The line in the card's thread: a warning before the breach (calling on the owner, if claimed), or the breach. */
export function slaNoticeLine(escalationId: number, notice: TSlaNotice): Mrkdwn {
  const ref = escalationRef(escalationId);
  const owner = notice.ownerId ? mrkdwn`${mention(notice.ownerId)} ` : trusted('');
  if (notice.stage === 'warning') {
    const spent = notice.fraction ? trusted(`${Math.round(notice.fraction * 100)}% of `) : trusted('most of ');
    return mrkdwn`:hourglass_flowing_sand: ${owner}*${ref}* (${trusted(notice.severity)}) has used ${spent}its ${targetText(notice)}: ${trusted(notice.target)} due ${dueText(notice)}.`;
  }
  return mrkdwn`:rotating_light: ${owner}*${ref}* (${trusted(notice.severity)}) breached its ${targetText(notice)} (due ${dueText(notice)}); the leads have been told.`;
}

/** The breach escalated up, in the breach channel: the leads' group when set, the escalation, its customer. */
export function slaBreachUpLine(escalationId: number, notice: TSlaNotice, leadsUsergroupId: string | null): Mrkdwn {
  const leads = leadsUsergroupId ? trusted(`<!subteam^${leadsUsergroupId}> `) : trusted('');
  const customer = notice.customer ? mrkdwn` for ${fromOutside(notice.customer)}` : trusted('');
  return mrkdwn`:rotating_light: ${leads}SLA breach: *${escalationRef(escalationId)}* (${trusted(notice.severity)})${customer} missed its ${targetText(notice)} (due ${dueText(notice)}): “${fromSlack(notice.summary)}”`;
}
