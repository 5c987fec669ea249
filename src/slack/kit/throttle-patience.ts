import { classifySlackError, SLACK_PACED } from './slack-errors';

const PATIENCE_MS = 120_000;

/**
 * Runs a Slack call that has no outbox to come back later (a digest posted while its run waits): when the pacer says
 * the slot is further off than a call may wait, wait for the slot here and ask again, for up to two minutes.
 */
export async function waitingOutThrottle<T>(call: () => Promise<T>): Promise<T> {
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.reason !== SLACK_PACED || waited >= PATIENCE_MS) throw error;
      const wait = Math.min(failure.retryAfterMs ?? 1_000, PATIENCE_MS - waited);
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
