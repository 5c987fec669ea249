import { isAppError } from '../../../core/shared/app-error';
import { firstTimeSeen, forgetSeenEvent } from '../../../core/shared/seen-events';
import type { TSlackServices } from '../slack-services';
import type { TMiddleware } from './context';

/**
 * Listener middleware: the rest of the chain runs once per Slack event id, whichever replica a retry lands on. The
 * id is recorded first (so a concurrent retry is skipped) and forgotten again if the work failed unexpectedly (so
 * a retry can apply it).
 */
export function oncePerEvent(services: TSlackServices): TMiddleware<unknown> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await firstTimeSeen(services.deps, eventId))) {
      services.logger.debug(`event ${eventId} already handled; skipping the retry`);
      return;
    }
    try {
      await next();
    } catch (error) {
      if (eventId && !isAppError(error)) await forgetSeenEvent(services.deps, eventId).catch(() => {});
      throw error;
    }
  };
}
