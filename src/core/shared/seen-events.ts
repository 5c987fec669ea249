import type { TDomainDeps } from './deps';
import { forgetEvent, markEventSeen } from './seen-events-repository';

/** Records a Slack event id; true the first time, false for a retry of it (whichever replica it lands on). */
export function firstTimeSeen(deps: Pick<TDomainDeps, 'db' | 'clock'>, eventId: string): Promise<boolean> {
  return markEventSeen(deps.db.sql, eventId, deps.clock.now());
}

/** Forgets an event id again, so that a retry of an event whose work failed applies it. */
export function forgetSeenEvent(deps: Pick<TDomainDeps, 'db'>, eventId: string): Promise<void> {
  return forgetEvent(deps.db.prisma, eventId);
}
