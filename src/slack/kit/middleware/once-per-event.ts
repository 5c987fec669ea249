import { EventAlreadyHandled, handlingEvent, seenBefore } from '../../../core/shared/seen-events';
import type { TSlackServices } from '../slack-services';
import type { TMiddleware } from './context';

/**
 * Listener middleware: the rest of the chain applies a Slack event once, whichever replica a retry lands on. A retry
 * of an event already applied is skipped; otherwise the change the event causes records its id in its own
 * transaction (src/core/shared/seen-events.ts), so the id is stored if and only if the change is: a change that
 * failed, or a process that died on it, leaves the retry free to apply it. Two deliveries at once both run; the
 * second to commit finds the id taken, rolls back and is skipped.
 */
export function oncePerEvent(services: TSlackServices): TMiddleware<unknown> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (!eventId) return next();
    if (await seenBefore(services.deps, eventId)) {
      services.logger.debug(`event ${eventId} already handled; skipping the retry`);
      return;
    }
    try {
      await handlingEvent(services.deps, eventId, next);
    } catch (error) {
      if (!(error instanceof EventAlreadyHandled)) throw error;
      services.logger.debug(`event ${eventId} was applied by another delivery meanwhile; skipping this one`);
    }
  };
}
