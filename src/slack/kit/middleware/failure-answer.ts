import { isDatabaseUnavailable, oneLineError } from '../../../core/shared/db/database-errors';
import type { Logger } from '../../../logger';
import { userFacingError } from '../respond-with-error';
import type { TListenerContext } from './context';

/** What Bolt hands an extended error handler (its own type is not exported). */
interface TListenerFailure {
  error: Error;
  context: unknown;
  body: unknown;
}

type TFailureContext = Partial<TListenerContext> & { failureAnswered?: () => void };

/**
 * Lets whoever tracks a request's work wait for app.error to have answered its failure too: Bolt calls the error
 * handler after the listener chain has settled, so the answer is not part of that chain's promise.
 */
export function failureAnswered(context: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    (context as TFailureContext).failureAnswered = resolve;
  });
}

/** Bolt hands over errors without a `code` wrapped in its UnknownError; the cause is what we judge. */
const causeOf = (error: Error) => (error as { original?: unknown }).original ?? error;

/**
 * The one app.error: every listener's failure ends here. A request with a reply surface gets the one failure answer
 * (userFacingError: an AppError's words, "database unavailable", or "something went wrong", logged); an event is
 * only logged, because it is answered 503 and Slack sends it again (HeldEventAcks).
 */
export function answerListenerFailure(logger: Logger) {
  return async ({ error, context, body }: TListenerFailure) => {
    const cause = causeOf(error);
    const reply = (context as TFailureContext).reply;
    try {
      if (reply && (body as { type?: string }).type !== 'event_callback') {
        await reply(userFacingError(cause, logger)).catch((replyError) =>
          logger.error('could not answer a failure:', replyError),
        );
      } else if (isDatabaseUnavailable(cause)) logger.warn(`listener: database unavailable: ${oneLineError(cause)}`);
      else logger.error('unhandled listener error:', cause);
    } finally {
      (context as TFailureContext).failureAnswered?.();
    }
  };
}
