import type { WebClient } from '@slack/web-api';
import type { TOwnerDirectory } from '../../core/customers/owner-directory';
import { classifySlackError } from '../kit/slack-errors';

const ATTEMPTS = 3;
/** A Retry-After longer than this is not waited out inside a request: the email stays text and is reported. */
const LONGEST_WAIT_MS = 10_000;

export interface TSlackOwnerDirectoryOptions {
  client: WebClient;
  /** How to wait out a rate limit (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  onError?: (email: string, reason: string) => void;
}

/**
 * users.lookupByEmail, remembered for the life of the process: a CRM names the same few owners on every account,
 * and the method is rate limited (tier 3). Only hits are remembered, so an owner who joins Slack later resolves.
 * A 429 is waited out and retried; `users_not_found`, or any other refusal, leaves the email unresolved.
 */
export function slackOwnerDirectory(options: TSlackOwnerDirectoryOptions): TOwnerDirectory {
  const found = new Map<string, string>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async userIdForEmail(email) {
      const key = email.toLowerCase();
      const known = found.get(key);
      if (known) return known;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          const answer = await options.client.users.lookupByEmail({ email });
          const id = answer.user?.id;
          if (!id) return null;
          found.set(key, id);
          return id;
        } catch (error) {
          const failure = classifySlackError(error);
          const wait = failure.retryAfterMs ?? 0;
          if (failure.reason === 'rate_limited' && attempt < ATTEMPTS && wait <= LONGEST_WAIT_MS) {
            await sleep(wait);
            continue;
          }
          if (failure.reason !== 'users_not_found') options.onError?.(email, failure.reason);
          return null;
        }
      }
      return null;
    },
  };
}

const directories = new WeakMap<WebClient, TOwnerDirectory>();

/** One directory (and so one cache) per client for the life of the process. */
export function ownerDirectoryFor(client: WebClient, onError?: (email: string, reason: string) => void) {
  let directory = directories.get(client);
  if (!directory) {
    directory = slackOwnerDirectory({ client, onError });
    directories.set(client, directory);
  }
  return directory;
}
