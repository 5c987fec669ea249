/** Slack answers in well under a second; a call still open after this is not coming back. */
export const OUTGOING_TIMEOUT_MS = 10_000;

/**
 * `fetch` that gives up after `timeoutMs` (keeping any signal the caller passed). Bolt's `respond()` posts to the
 * response_url with the `fetch` of the App's clientOptions and sets no timeout of its own, so this is how every
 * outgoing call — Web API and response_url alike — gets a deadline.
 */
export function fetchWithTimeout(timeoutMs = OUTGOING_TIMEOUT_MS): typeof fetch {
  return (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}
