import type { TTimelineInput, TVia } from '../shared/timeline-repository';

/** "NPS 3": how a response is named in the timeline and in messages. */
export const surveyLabel = (kind: string, score: number) => `${kind.toUpperCase()} ${score}`;

/** The timeline entry of a detractor response joining an escalation; `detail` is the start of the comment. */
export function detractorResponseEntry(
  response: { kind: string; score: number; customerId: number },
  escalationId: number,
  by: { actorId: string; via: TVia },
  detail: string | undefined,
  at: Date,
): TTimelineInput {
  return {
    escalationId,
    customerId: response.customerId,
    actorId: by.actorId,
    action: 'detractor response',
    toValue: surveyLabel(response.kind, response.score),
    via: by.via,
    detail,
    at,
  };
}
