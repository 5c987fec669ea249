import type { TDomainDeps } from '../shared/deps';
import type { TPeriod } from '../shared/time/zoned';
import type { TSurveyKind } from './score-classes';
import { classCounts, responsesIn, surveyScore, type TClassCounts } from './survey-maths';
import { countScores, type TTimeRange } from './surveys-repository';

export interface TKindFigures extends TClassCounts {
  kind: TSurveyKind;
  responses: number;
  /** NPS (−100…100) or CSAT % (0…100); null without responses. */
  score: number | null;
}

export interface TWeekFigures {
  week: TPeriod;
  nps: TKindFigures;
  csat: TKindFigures;
}

/** One kind's figures in [start, end): the database counts per score; only the ≤ 11 counts reach JavaScript. */
export async function kindFigures(
  deps: Pick<TDomainDeps, 'db'>,
  kind: TSurveyKind,
  range: TTimeRange,
): Promise<TKindFigures> {
  const counts = classCounts(kind, await countScores(deps.db.prisma, kind, range));
  return { kind, ...counts, responses: responsesIn(counts), score: surveyScore(kind, counts) };
}

/**
 * NPS and CSAT for one ISO week (from isoWeekOf / previousIsoWeek in the digest time zone). Uses the
 * (kind, respondedAt) index, so its cost follows the week's responses, not the table's.
 */
export async function weeklySurveyFigures(deps: Pick<TDomainDeps, 'db'>, week: TPeriod): Promise<TWeekFigures> {
  const [nps, csat] = await Promise.all([kindFigures(deps, 'nps', week), kindFigures(deps, 'csat', week)]);
  return { week, nps, csat };
}
