import { escalationRef, SUMMARY_MAX_LENGTH, type TSeverity } from '../escalations/escalation-vocabulary';
import { findEscalation, type TEscalation } from '../escalations/escalations-repository';
import { flagEscalation, SurveyResponseAlreadyLinked } from '../escalations/flag-escalation';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import { fromOutside, plainOf } from '../shared/text/mrkdwn';
import { addTimelineEntry } from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import { detractorResponseEntry, surveyLabel } from './detractor-entry';
import { isDetractor, type TSurveyKind } from './score-classes';
import {
  findSurveyResponse,
  linkResponseIfUnlinked,
  openEscalationIdsByCustomer,
  type TSurveyResponseWithCustomer,
} from './surveys-repository';

export interface TOpenEscalationForResponseOptions {
  responseId: number;
  actorId: string;
  /** Where the button was pressed; recorded as the escalation's source channel. */
  channelId: string;
}

export type TOpenEscalationOutcome =
  /** A new escalation, prefilled from the response, with its card queued. */
  | { kind: 'created'; escalation: TEscalation }
  /** The response was already linked (a second press, or another advocate was quicker). */
  | { kind: 'already-linked'; escalation: TEscalation }
  /** The customer had gained an open escalation since the digest; the response was added to it instead. */
  | { kind: 'attached'; escalation: TEscalation };

/** NPS 0–3 and CSAT 1 are the angriest answers a survey has: those open as high, other detractors as medium. */
export function detractorSeverity(kind: TSurveyKind, score: number): TSeverity {
  return (kind === 'nps' && score <= 3) || (kind === 'csat' && score <= 1) ? 'high' : 'medium';
}

/**
 * The summary of an escalation opened from a survey response. Summaries are shown as text typed in Slack, so the
 * customer's words are put in as plain text (`plainOf`): a `<@U…>` or `<!channel>` in a comment never mentions.
 */
export function detractorSummary(response: TSurveyResponseWithCustomer): string {
  const head = `${surveyLabel(response.kind, response.score)} from ${plainOf(fromOutside(response.customer.name))}`;
  const comment = response.comment ? plainOf(fromOutside(response.comment)).replace(/\s+/g, ' ').trim() : undefined;
  const full = comment ? `${head}: “${comment}”` : `${head} (no comment)`;
  return full.length > SUMMARY_MAX_LENGTH ? `${full.slice(0, SUMMARY_MAX_LENGTH - 2)}…”` : full;
}

async function existing(deps: TDomainDeps, escalationId: number): Promise<TEscalation> {
  const escalation = await findEscalation(deps.db.sql, escalationId);
  if (!escalation)
    throw new AppError(ErrorCode.NotFound, { userMessage: `${escalationRef(escalationId)} no longer exists.` });
  return escalation;
}

/**
 * The "Open escalation" button under "Detractors without an advocate": opens ADV-n prefilled from the response
 * (customer, score, comment) and links the response to it. Pressing it again, or twice at once, opens nothing new.
 */
export async function openEscalationForResponse(
  deps: TDomainDeps,
  options: TOpenEscalationForResponseOptions,
): Promise<TOpenEscalationOutcome> {
  const response = await findSurveyResponse(deps.db.prisma, options.responseId);
  if (!response) throw new AppError(ErrorCode.NotFound, { userMessage: 'That survey response no longer exists.' });
  if (!isDetractor(response.kind as TSurveyKind, response.score)) {
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `${surveyLabel(response.kind, response.score)} is not a detractor response; nothing was opened.`,
    });
  }
  if (response.escalationId !== null)
    return { kind: 'already-linked', escalation: await existing(deps, response.escalationId) };

  const openId = (await openEscalationIdsByCustomer(deps.db.prisma, [response.customerId])).get(response.customerId);
  if (openId !== undefined) return attachToOpenEscalation(deps, response, openId, options.actorId);

  try {
    const escalation = await flagEscalation(deps, {
      reporterId: options.actorId,
      sourceChannelId: options.channelId,
      summary: detractorSummary(response),
      severity: detractorSeverity(response.kind as TSurveyKind, response.score),
      tags: ['detractor'],
      customer: response.customer.name,
      via: 'button',
      fromSurveyResponse: {
        id: response.id,
        customerId: response.customerId,
        label: surveyLabel(response.kind, response.score),
        comment: response.comment,
      },
    });
    return { kind: 'created', escalation };
  } catch (error) {
    if (!(error instanceof SurveyResponseAlreadyLinked)) throw error;
    const linked = await findSurveyResponse(deps.db.prisma, response.id);
    return { kind: 'already-linked', escalation: await existing(deps, linked!.escalationId!) };
  }
}

async function attachToOpenEscalation(
  deps: TDomainDeps,
  response: TSurveyResponseWithCustomer,
  escalationId: number,
  actorId: string,
): Promise<TOpenEscalationOutcome> {
  const attached = await runUnitOfWork(deps, {}, async ({ q, now, queue }) => {
    if (!(await linkResponseIfUnlinked(q, response.id, escalationId))) return false;
    const detail = response.comment ? response.comment.slice(0, 500) : undefined;
    await addTimelineEntry(q, detractorResponseEntry(response, escalationId, { actorId, via: 'button' }, detail, now));
    queue([
      {
        dedupeKey: outboxKey.surveyBridge(response.id, escalationId),
        message: {
          kind: 'escalation.note',
          escalationId,
          note: {
            type: 'detractor_added',
            actorId,
            survey: response.kind,
            score: response.score,
            comment: response.comment,
          },
        },
      },
    ]);
    return true;
  });
  if (!attached) {
    const linked = await findSurveyResponse(deps.db.prisma, response.id);
    return { kind: 'already-linked', escalation: await existing(deps, linked!.escalationId!) };
  }
  return { kind: 'attached', escalation: await existing(deps, escalationId) };
}
