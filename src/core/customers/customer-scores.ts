import { isDetractor as isSurveyDetractor, scoreClass, type TSurveyKind } from '../surveys/score-classes';
import { csatScore, npsScore } from '../surveys/survey-maths';

/** Detractors as the survey capability defines them (NPS 0–6, CSAT 1–2); unknown kinds never are. */
export const isDetractor = (kind: string, score: number) =>
  (kind === 'nps' || kind === 'csat') && isSurveyDetractor(kind as TSurveyKind, score);

/** NPS from counts of responses, promoters and detractors (the rest are passives); null with no responses. */
export function npsOf(counts: { responses: number; promoters: number; detractors: number }): number | null {
  return npsScore({
    promoters: counts.promoters,
    detractors: counts.detractors,
    passives: counts.responses - counts.promoters - counts.detractors,
  });
}

export function npsOfScores(scores: number[]): number | null {
  return npsOf({
    responses: scores.length,
    promoters: scores.filter((score) => scoreClass('nps', score) === 'promoter').length,
    detractors: scores.filter((score) => scoreClass('nps', score) === 'detractor').length,
  });
}

export function csatOfScores(scores: number[]): number | null {
  const satisfied = scores.filter((score) => scoreClass('csat', score) === 'promoter').length;
  const neutral = scores.filter((score) => scoreClass('csat', score) === 'passive').length;
  return csatScore({ promoters: satisfied, passives: neutral, detractors: scores.length - satisfied - neutral });
}

export const signed = (value: number) => (value > 0 ? `+${value}` : `${value}`);
