import { isAppError } from '../../core/shared/app-error';
import {
  isDatabaseUnavailable,
  isDiskFull,
  isOutcomeUnknown,
  oneLineError,
} from '../../core/shared/db/database-errors';
import { mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import type { Logger } from '../../logger';
import { section } from './block-limits';

/** Every write is one transaction, so a database that could not be reached stored nothing of the request. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "Advocate can't reach its database right now; nothing was stored — try again in a minute.";
/** SQLite's disk is full: not a moment's outage, someone has to free space; nothing was stored. */
export const DISK_FULL_MESSAGE =
  "Advocate's disk is full, so nothing was stored — try again once an administrator has freed some space.";
/**
 * The database stopped answering after the change was sent: it may have been stored (a hung COMMIT that went through
 * later), so the person is told to look before doing it again, never that nothing was stored.
 */
export const DATABASE_UNCONFIRMED_MESSAGE =
  "Advocate's database stopped answering before it could confirm this, so it may or may not have been stored. Check (`/advocate list`, or the card) before trying again.";
/** Not "nothing was lost": after an unknown failure, we cannot know what was stored. */
export const UNEXPECTED_FAILURE_MESSAGE =
  'Something went wrong on our side; please try again in a moment (if you were changing something, check first whether it took).';

/**
 * The one place a listener's failure becomes words for the person who caused it: an AppError shows its
 * userMessage; a database that is down or stuck says so; anything else is logged and answered plainly.
 */
export function userFacingError(
  error: unknown,
  logger: Logger,
): { text: string; blocks: ReturnType<typeof section>[] } {
  // A userMessage is mrkdwn its author built with the rule (see AppError).
  if (isAppError(error))
    return { text: error.userMessage, blocks: [section(mrkdwn`:warning: ${trusted(error.userMessage)}`)] };
  if (isDiskFull(error)) {
    logger.error(`disk full while answering: ${oneLineError(error)}`);
    return { text: DISK_FULL_MESSAGE, blocks: [section(mrkdwn`:floppy_disk: ${DISK_FULL_MESSAGE}`)] };
  }
  if (isDatabaseUnavailable(error) && isOutcomeUnknown(error)) {
    logger.warn(`database stopped answering; outcome unknown: ${oneLineError(error)}`);
    return {
      text: DATABASE_UNCONFIRMED_MESSAGE,
      blocks: [section(mrkdwn`:hourglass: ${DATABASE_UNCONFIRMED_MESSAGE}`)],
    };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn(`database unavailable while answering: ${oneLineError(error)}`);
    return {
      text: DATABASE_UNAVAILABLE_MESSAGE,
      blocks: [section(mrkdwn`:hourglass: ${DATABASE_UNAVAILABLE_MESSAGE}`)],
    };
  }
  logger.error('listener failed:', error); // the logger shortens Prisma's errors to one line
  return { text: UNEXPECTED_FAILURE_MESSAGE, blocks: [section(mrkdwn`:x: ${UNEXPECTED_FAILURE_MESSAGE}`)] };
}
