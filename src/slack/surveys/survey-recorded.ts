import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, joinMrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import type { TRecordedResponse } from '../../core/surveys/record-responses';
import { isDetractor, type TSurveyKind } from '../../core/surveys/score-classes';
import { context, section, type TMessage, truncate } from '../kit/block-limits';

/** The private answer to `/advocate nps|csat …`: what was stored, and where a detractor went. */
export function surveyRecordedMessage(recorded: TRecordedResponse): TMessage {
  const { response } = recorded;
  const label = `${response.kind.toUpperCase()} ${response.score}`;
  const customer = fromOutside(recorded.customerName);
  const comment = response.comment ? mrkdwn` “${fromOutside(truncate(response.comment, 300))}”` : '';
  const lines = [mrkdwn`:white_check_mark: Recorded *${label}* for *${customer}*${comment}.`];
  if (recorded.bridgedTo !== null) {
    lines.push(
      mrkdwn`It is a detractor response, so it was added to the timeline of *${escalationRef(recorded.bridgedTo)}*, ${customer}'s open escalation.`,
    );
  } else if (isDetractor(response.kind as TSurveyKind, response.score)) {
    lines.push(
      mrkdwn`It is a detractor response and ${customer} has no open escalation: it will appear in the next open digest under _Detractors without an advocate_.`,
    );
  }
  return {
    text: mrkdwn`Recorded ${label} for ${customer}.`.text,
    blocks: [
      section(joinMrkdwn(lines)),
      context(trusted('It counts in this week’s NPS/CSAT report (`/advocate digest nps`).')),
    ],
  };
}
