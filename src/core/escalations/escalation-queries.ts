import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { type TTimelineEntry, timelineOfEscalation } from '../shared/timeline-repository';
import { escalationRef } from './escalation-vocabulary';
import {
  countOpenEscalations,
  findEscalation,
  findEscalationByCard,
  listOpenEscalations,
  readCardState,
  type TEscalation,
} from './escalations-repository';

export async function getEscalationOrFail(deps: Pick<TDomainDeps, 'db'>, id: number): Promise<TEscalation> {
  const escalation = await findEscalation(deps.db.sql, id);
  if (!escalation) {
    throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${escalationRef(id)}.` });
  }
  return escalation;
}

export async function showEscalation(
  deps: Pick<TDomainDeps, 'db'>,
  id: number,
): Promise<{ escalation: TEscalation; timeline: TTimelineEntry[] }> {
  const escalation = await getEscalationOrFail(deps, id);
  return { escalation, timeline: await timelineOfEscalation(deps.db.prisma, id) };
}

export async function openEscalations(deps: Pick<TDomainDeps, 'db'>, limit?: number): Promise<TEscalation[]> {
  return listOpenEscalations(deps.db.prisma, limit);
}

/** The escalation, or null when there is none. */
export function findEscalationById(deps: Pick<TDomainDeps, 'db'>, id: number): Promise<TEscalation | null> {
  return findEscalation(deps.db.sql, id);
}

export function countOpen(deps: Pick<TDomainDeps, 'db'>): Promise<number> {
  return countOpenEscalations(deps.db.prisma);
}

/** Where its card is now (posted, or why not), read again after the outbox had its turn; one prepared statement. */
export function cardState(deps: Pick<TDomainDeps, 'db'>, id: number) {
  return readCardState(deps.db.sql, id);
}

/** The escalation whose card is this message, or null (the hot path of a reaction: one prepared statement). */
export function escalationOfCard(deps: Pick<TDomainDeps, 'db'>, channelId: string, ts: string) {
  return findEscalationByCard(deps.db.sql, channelId, ts);
}
