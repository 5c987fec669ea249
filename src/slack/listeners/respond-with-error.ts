import { isAppError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { mrkdwn, trusted } from '../../text/slack-text';
import { section } from '../blocks/limits';

/**
 * The one place a listener's failure becomes words for the person who caused it: an AppError shows its
 * userMessage; anything else is logged and the person is told nothing they did was lost.
 */
export function userFacingError(
  error: unknown,
  logger: Logger,
): { text: string; blocks: ReturnType<typeof section>[] } {
  // A userMessage is mrkdwn its author built with the rule (see AppError).
  if (isAppError(error))
    return { text: error.userMessage, blocks: [section(mrkdwn`:warning: ${trusted(error.userMessage)}`)] };
  logger.error('listener failed:', error);
  const text = 'Something went wrong on our side. Nothing you sent was lost; please try again in a moment.';
  return { text, blocks: [section(mrkdwn`:x: ${text}`)] };
}
