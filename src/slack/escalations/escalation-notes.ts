import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import type { TEscalationNote } from '../../core/shared/outbox/outbox-messages';
import { fromOutside, fromSlack, joinMrkdwn, type Mrkdwn, mention, mrkdwn } from '../../core/shared/text/mrkdwn';
import { message, section, type TMessage } from '../kit/block-limits';
import { themeLabel } from '../kit/words';
import { statusLabel } from './escalation-card';

/** A resolution note as typed in the resolve modal, quoted line by line. */
export const quoteNote = (note: string) => joinMrkdwn(note.split('\n').map((line) => mrkdwn`> ${fromSlack(line)}`));

const surveyLabel = (survey: string, score: number) => `${survey.toUpperCase()} ${score}`;

const quoteComment = (comment: string | null, max: number) =>
  comment ? ` “${comment.length > max ? `${comment.slice(0, max - 1)}…` : comment}”` : '';

/** The line in an escalation card's thread for news that is not a lifecycle change. */
export function escalationNoteLine(escalationId: number, note: TEscalationNote): Mrkdwn {
  switch (note.type) {
    case 'theme_resolved': {
      const head = note.resolvedNow
        ? mrkdwn`:white_check_mark: ${mention(note.actorId)} resolved this with theme ${themeLabel(note.theme)}:`
        : mrkdwn`:white_check_mark: Theme ${themeLabel(note.theme)} was resolved by ${mention(note.actorId)}:`;
      return mrkdwn`${head}\n${quoteNote(note.note)}`;
    }
    case 'theme_linked':
      return note.fromThemeId === null
        ? mrkdwn`:link: ${mention(note.actorId)} linked this to theme ${themeLabel(note.theme)}`
        : mrkdwn`:link: ${mention(note.actorId)} moved this from ${themeRef(note.fromThemeId)} to theme ${themeLabel(note.theme)}`;
    case 'customer_at_risk': {
      const name = fromOutside(note.customerName);
      return mrkdwn`:rotating_light: *${name}* is now at risk: this is its open high/critical escalation. \`/advocate customer ${name}\` has the profile.`;
    }
    case 'detractor_joined': {
      const by = note.recordedById ? mrkdwn` (recorded by ${mention(note.recordedById)})` : '';
      return mrkdwn`:speech_balloon: New detractor response from *${fromOutside(note.customerName)}*: ${surveyLabel(note.survey, note.score)}${fromOutside(quoteComment(note.comment, 300))}${by} — added to ${escalationRef(escalationId)}'s timeline.`;
    }
    case 'detractors_joined': {
      const more = note.count > note.scores.length ? `, …` : '';
      return mrkdwn`:speech_balloon: ${String(note.count)} new detractor responses from *${fromOutside(note.customerName)}* (${note.scores.join(', ')}${more})${fromOutside(quoteComment(note.latestComment, 300))} — added to ${escalationRef(escalationId)}'s timeline.`;
    }
    case 'detractor_added':
      return mrkdwn`:speech_balloon: ${mention(note.actorId)} added a detractor response from this customer: ${surveyLabel(note.survey, note.score)}${note.comment ? mrkdwn` “${fromOutside(note.comment.slice(0, 300))}”` : ''}`;
  }
}

/** Told privately to whoever pressed a card drawn before the escalation's latest change. */
export function outOfDatePressNotice(
  escalation: Pick<TEscalation, 'id' | 'status' | 'ownerId'>,
  action: string,
): TMessage {
  const text = mrkdwn`:information_source: That card was out of date: ${escalationRef(escalation.id)} had changed since it was drawn. Your press was applied to it as it is now (${action}); it is now ${statusLabel(escalation)}.`;
  return message(text, [section(text)]);
}
