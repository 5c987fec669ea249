import type { TDomainDeps } from '../shared/deps';
import { type TListedResponse, unbridgedDetractors } from './surveys-repository';

/**
 * How far back the open digest looks for detractors nobody has taken up: a week, so a response received on a
 * Friday is still offered on Monday's digest, and one that nobody acted on for a week stops nagging (it still
 * counts in the weekly NPS/CSAT report).
 */
export const DETRACTOR_WINDOW_DAYS = 7;

export interface TDetractorsWithoutAdvocate {
  total: number;
  responses: TListedResponse[];
  since: Date;
}

/** Detractor responses of the last week with no escalation linked and no open escalation for their customer. */
export async function detractorsWithoutAdvocate(
  deps: Pick<TDomainDeps, 'db'>,
  now: Date,
  limit: number,
): Promise<TDetractorsWithoutAdvocate> {
  const since = new Date(now.getTime() - DETRACTOR_WINDOW_DAYS * 86_400_000);
  const found = await unbridgedDetractors(deps.db.prisma, since, limit);
  return { ...found, since };
}
