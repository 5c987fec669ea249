/**
 * NPS and CSAT arithmetic (../shared/INTERFACE.md "Definitions"). Pure and integer-exact, so the figures in a
 * digest are the ones a person gets by hand or in a spreadsheet. What counts as a promoter is in score-classes.ts.
 */
import { scoreClass, type TSurveyKind } from './score-classes';

export interface TClassCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export const responsesIn = (counts: TClassCounts) => counts.promoters + counts.passives + counts.detractors;

/**
 * round(numerator / denominator) with halves rounded away from zero, in integers (no float drift at .5).
 * Away from zero, not JavaScript's Math.round (which sends -12.5 to -12 but 12.5 to 13), so that swapping
 * promoters and detractors gives exactly the negated score, and so that the figure matches a spreadsheet's ROUND().
 */
export function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return sign * magnitude || 0;
}

/** NPS = round(100 × (promoters − detractors) / responses); null when nobody answered. */
export function npsScore(counts: TClassCounts): number | null {
  const responses = responsesIn(counts);
  if (responses === 0) return null;
  return roundHalfAwayFromZero(100 * (counts.promoters - counts.detractors), responses);
}

/** CSAT = % of responses scoring 4 or 5 (the "promoters" of a CSAT count); null when nobody answered. */
export function csatScore(counts: TClassCounts): number | null {
  const responses = responsesIn(counts);
  if (responses === 0) return null;
  return roundHalfAwayFromZero(100 * counts.promoters, responses);
}

export const surveyScore = (kind: TSurveyKind, counts: TClassCounts) =>
  kind === 'nps' ? npsScore(counts) : csatScore(counts);

/** Folds per-score counts (what the database groups by) into the three classes. */
export function classCounts(kind: TSurveyKind, perScore: Iterable<{ score: number; count: number }>): TClassCounts {
  const counts: TClassCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const { score, count } of perScore) {
    const cls = scoreClass(kind, score);
    if (cls === 'promoter') counts.promoters += count;
    else if (cls === 'passive') counts.passives += count;
    else counts.detractors += count;
  }
  return counts;
}

/** `+20`, `0`, `-15`: NPS is a signed figure; CSAT reads `50%`. */
export function formatScore(kind: TSurveyKind, score: number | null): string {
  if (score === null) return '—';
  if (kind === 'csat') return `${score}%`;
  return score > 0 ? `+${score}` : `${score}`;
}

/** The change from one week to the next in points: `+7`, `-3`, `±0`; null when either week had no responses. */
export function formatChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  return delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '±0';
}

const SPARK = '▁▂▃▄▅▆▇█';

/** The least range a sparkline spans, in points: a swing of a few points stays a near-flat line. */
export const SPARKLINE_MIN_RANGE = 20;

/**
 * The scale a sparkline uses: the data's own min…max (a 40-point fall fills the height instead of a quarter of the
 * kind's −100…100), widened around its middle to at least SPARKLINE_MIN_RANGE points so noise is not stretched, and
 * kept within the kind's scale.
 */
export function sparklineScale(kind: TSurveyKind, scores: (number | null)[]): [number, number] {
  const [floor, ceiling] = kind === 'nps' ? [-100, 100] : [0, 100];
  const known = scores.filter((score): score is number => score !== null);
  if (known.length === 0) return [floor, ceiling];
  let low = Math.min(...known);
  let high = Math.max(...known);
  if (high - low < SPARKLINE_MIN_RANGE) {
    const middle = (low + high) / 2;
    low = middle - SPARKLINE_MIN_RANGE / 2;
    high = middle + SPARKLINE_MIN_RANGE / 2;
    if (low < floor) [low, high] = [floor, floor + SPARKLINE_MIN_RANGE];
    if (high > ceiling) [low, high] = [ceiling - SPARKLINE_MIN_RANGE, ceiling];
  }
  return [low, high];
}

/** A text sparkline on `sparklineScale`; weeks without responses show as `·`. */
export function sparkline(kind: TSurveyKind, scores: (number | null)[]): string {
  const [low, high] = sparklineScale(kind, scores);
  return scores
    .map((score) => {
      if (score === null) return '·';
      const level = Math.round(((score - low) / (high - low)) * (SPARK.length - 1));
      return SPARK[Math.max(0, Math.min(SPARK.length - 1, level))];
    })
    .join('');
}
