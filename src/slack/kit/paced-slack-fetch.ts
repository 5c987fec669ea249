import { fetchWithTimeout, OUTGOING_TIMEOUT_MS } from './fetch-with-timeout';
import { pacedFetch, SLACK_PACE, SlackPacer, type TPacerLimits } from './slack-pacer';

/**
 * The WebClient starts its own timeout (OUTGOING_TIMEOUT_MS) before it calls fetch, so a wait in the pacer counts
 * against it: a call that would wait longer than this gives up with SlackThrottled instead, and the outbox sends it
 * again when its slot comes. A person waiting on an answer gets nearly the whole timeout; background work far less,
 * so that it never holds a slot a person needs.
 */
const MAX_WAIT_MS = {
  interactive: OUTGOING_TIMEOUT_MS - 2_000,
  card: 5_000,
  thread: 5_000,
  digest: 5_000,
};

/** One per app: every Web API call of this process shares its lanes, whoever makes it. */
export const createSlackPacer = (limits: TPacerLimits = SLACK_PACE) =>
  new SlackPacer({ limits, maxWaitMs: MAX_WAIT_MS });

/** The `fetch` every WebClient of the app uses: paced to Slack's limits, each call with a deadline. */
export const pacedSlackFetch = (pacer: SlackPacer): typeof fetch => pacedFetch(pacer, fetchWithTimeout());
