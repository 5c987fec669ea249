/**
 * The survey vocabulary: the kinds, their score ranges and the one table of score classes. It imports nothing, so
 * the repositories build their SQL filters from the same numbers the domain classifies with
 * (test/architecture.test.ts lets src/db import this module's values and no other domain module's).
 */
export const SURVEY_KINDS = ['nps', 'csat'] as const;
export type TSurveyKind = (typeof SURVEY_KINDS)[number];

export const SCORE_RANGE: Record<TSurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

/** NPS: promoter 9–10, passive 7–8, detractor 0–6. CSAT: satisfied 4–5, neutral 3, detractor 1–2. */
export type TScoreClass = 'promoter' | 'passive' | 'detractor';

/**
 * The one table of score classes: each is an inclusive range of integer scores, and the three of a kind cover its
 * SCORE_RANGE without overlap. For CSAT, "promoter" means satisfied and "passive" neutral. Everything that
 * classifies a score reads it: this module's arithmetic, the customer rules and the repositories' queries
 * (`scoreWhere`).
 */
export const SCORE_CLASSES = {
  nps: { promoter: { min: 9, max: 10 }, passive: { min: 7, max: 8 }, detractor: { min: 0, max: 6 } },
  csat: { promoter: { min: 4, max: 5 }, passive: { min: 3, max: 3 }, detractor: { min: 1, max: 2 } },
} as const satisfies Record<TSurveyKind, Record<TScoreClass, { min: number; max: number }>>;

export function scoreClass(kind: TSurveyKind, score: number): TScoreClass {
  const classes = SCORE_CLASSES[kind];
  if (score >= classes.promoter.min) return 'promoter';
  return score >= classes.passive.min ? 'passive' : 'detractor';
}

/**
 * A class as a database filter on the score column. The top class has no upper bound and the bottom no lower one
 * (scores are validated on the way in), so a promoter is `{ gte: 9 }` and a detractor `{ lte: 6 }`, as written by hand.
 */
export function scoreWhere(kind: TSurveyKind, cls: TScoreClass): { gte?: number; lte?: number } {
  const { min, max } = SCORE_CLASSES[kind][cls];
  if (cls === 'promoter') return { gte: min };
  if (cls === 'detractor') return { lte: max };
  return { gte: min, lte: max };
}

/** The detractor responses of both kinds, as a Prisma `OR` over (kind, score). */
export const DETRACTOR_WHERE = SURVEY_KINDS.map((kind) => ({ kind, score: scoreWhere(kind, 'detractor') }));

export const isDetractor = (kind: TSurveyKind, score: number) => scoreClass(kind, score) === 'detractor';
