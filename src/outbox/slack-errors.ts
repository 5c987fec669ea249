import { ErrorCode } from '@slack/web-api';

export interface TSlackFailure {
  /** Slack's error string, or a short description of the transport failure. */
  reason: string;
  /** Slack answered that retrying the same call cannot succeed until someone changes something. */
  permanent: boolean;
  /** Slack asked us to wait (HTTP 429). */
  retryAfterMs?: number;
}

const PERMANENT = new Set([
  'channel_not_found',
  'is_archived',
  'invalid_blocks',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'msg_too_long',
  'no_text',
  'restricted_action',
  'user_not_found',
  'cannot_dm_bot',
]);

/** Classifies a WebClient error the way bolt's default handler does: platform, rate limit, HTTP, request. */
export function classifySlackError(error: unknown): TSlackFailure {
  const coded = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  switch (coded.code) {
    case ErrorCode.PlatformError: {
      const reason = coded.data?.error ?? 'unknown_error';
      return { reason, permanent: PERMANENT.has(reason) };
    }
    case ErrorCode.RateLimitedError:
      return { reason: 'rate_limited', permanent: false, retryAfterMs: (coded.retryAfter ?? 1) * 1000 };
    case ErrorCode.HTTPError:
      return { reason: `http_${coded.statusCode ?? 'error'}`, permanent: false };
    case ErrorCode.RequestError:
      return { reason: 'slack_unreachable', permanent: false };
    default:
      return { reason: coded.message ?? String(error), permanent: false };
  }
}

export const slackErrorReason = (error: unknown) => classifySlackError(error).reason;

/**
 * Whether a failed call may still have been carried out by Slack: no answer (a timeout, a dropped connection) or a
 * server error. A Slack error answer (ok:false) or a 429 means nothing was posted.
 */
export function mayHaveReachedSlack(lastError: string | null): boolean {
  if (lastError === null) return false;
  return (
    lastError === 'slack_unreachable' || /^http_5\d\d$/.test(lastError) || /time(d )?out|socket|ECONN/i.test(lastError)
  );
}
