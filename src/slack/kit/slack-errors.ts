import { ErrorCode } from '@slack/web-api';
import { SlackThrottled } from './slack-pacer';

/**
 * What a failed Slack call means for whoever wants to try again:
 * - `permanent`: Slack refused it and will refuse it again until someone changes something (a token, a channel,
 *   the message itself);
 * - `retry-later`: nothing was done, and the same call may succeed later (a rate limit, an unknown hiccup);
 * - `ambiguous`: no answer came back (a timeout, a dropped connection, a server error), so Slack may have done it:
 *   look before doing it again;
 * - `not-in-channel`: the bot is not in the channel; join it (public channels) and try again.
 */
export type TSlackFailureKind = 'permanent' | 'retry-later' | 'ambiguous' | 'not-in-channel';

export interface TSlackFailure {
  /** Slack's error string, or a short description of the transport failure; what the outbox stores as lastError. */
  reason: string;
  kind: TSlackFailureKind;
  /** Shorthand for `kind === 'permanent'`. */
  permanent: boolean;
  /** Nobody can post in this channel until a person changes something (invites the bot, unarchives it). */
  channelUnreachable: boolean;
  /** Slack asked us to wait (HTTP 429). */
  retryAfterMs?: number;
}

/** Refusals about the channel itself: posting anything else there fails the same way. */
const CHANNEL_REFUSALS = new Set([
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

const PERMANENT = new Set([
  ...CHANNEL_REFUSALS,
  'invalid_blocks',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'msg_too_long',
  'no_text',
  'user_not_found',
  'cannot_dm_bot',
]);

const NOT_IN_CHANNEL = 'not_in_channel';
/** The reason of a call our pacer held back (SlackThrottled): never sent, so never ambiguous. */
export const SLACK_PACED = 'slack_paced';

/**
 * The kind of a failure from its reason alone, so that a reason stored with a row (lastError) is judged exactly as
 * the live error was.
 */
export function failureKindOf(reason: string): TSlackFailureKind {
  if (reason === SLACK_PACED) return 'retry-later';
  if (reason === NOT_IN_CHANNEL) return 'not-in-channel';
  if (PERMANENT.has(reason)) return 'permanent';
  if (reason === 'slack_unreachable' || /^http_5\d\d$/.test(reason) || /time(d )?out|socket|ECONN/i.test(reason))
    return 'ambiguous';
  return 'retry-later';
}

/** The reason of a WebClient error, the way bolt's default handler reads it: platform, rate limit, HTTP, request. */
function reasonOf(error: unknown): { reason: string; retryAfterMs?: number } {
  // Our own pacer declined to wait (thrown inside the WebClient's fetch, so it arrives wrapped): nothing left this
  // process, so nothing can have reached Slack; try again when the slot comes.
  const paced = error instanceof SlackThrottled ? error : (error as { original?: unknown })?.original;
  if (paced instanceof SlackThrottled) return { reason: SLACK_PACED, retryAfterMs: Math.max(1, paced.waitMs) };
  const coded = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  switch (coded?.code) {
    case ErrorCode.PlatformError:
      return { reason: coded.data?.error ?? 'unknown_error' };
    case ErrorCode.RateLimitedError:
      return { reason: 'rate_limited', retryAfterMs: (coded.retryAfter ?? 1) * 1000 };
    case ErrorCode.HTTPError:
      return { reason: `http_${coded.statusCode ?? 'error'}` };
    case ErrorCode.RequestError:
      return { reason: 'slack_unreachable' };
    default:
      return { reason: coded?.message ?? String(error) };
  }
}

/** The bot was not in the channel and could not join it (a private channel, an archived one). */
export class ChannelJoinFailed extends Error {
  constructor(readonly joinError: unknown) {
    super(`not_in_channel (joining failed: ${reasonOf(joinError).reason})`);
  }
}

/** The one judgement of a failed Slack call; every caller that retries, skips or tells someone asks this. */
export function classifySlackError(error: unknown): TSlackFailure {
  // A failed join is judged by why joining failed: a private channel stays closed, a hiccup passes.
  const { reason, retryAfterMs } = reasonOf(error instanceof ChannelJoinFailed ? error.joinError : error);
  const kind = failureKindOf(reason);
  return {
    reason,
    kind,
    permanent: kind === 'permanent',
    channelUnreachable: error instanceof ChannelJoinFailed || kind === 'not-in-channel' || CHANNEL_REFUSALS.has(reason),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

export const slackErrorReason = (error: unknown) => classifySlackError(error).reason;

/**
 * Whether a failed call may still have been carried out by Slack: no answer (a timeout, a dropped connection) or a
 * server error. A Slack error answer (ok:false) or a 429 means nothing was posted.
 */
export function mayHaveReachedSlack(lastError: string | null): boolean {
  return lastError !== null && failureKindOf(lastError) === 'ambiguous';
}
