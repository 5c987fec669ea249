import { forgetEvent, markEventSeenPrepared } from '../../../db/repositories/seen-events';
import { isAppError } from '../../../domain/errors';
import type { TSlackServices } from '../../services';

/**
 * Runs `work` once per Slack event id, whichever replica a retry lands on. The id is recorded before the work
 * (so a concurrent retry is skipped) and forgotten again if the work failed unexpectedly (so a retry can apply it).
 */
export async function oncePerEvent(services: TSlackServices, eventId: string | undefined, work: () => Promise<void>) {
  const { db, clock } = services.deps;
  if (eventId && !(await markEventSeenPrepared(db.sql, eventId, clock.now()))) {
    services.logger.debug(`event ${eventId} already handled; skipping the retry`);
    return;
  }
  try {
    await work();
  } catch (error) {
    if (eventId && !isAppError(error)) await forgetEvent(db.prisma, eventId).catch(() => {});
    throw error;
  }
}
