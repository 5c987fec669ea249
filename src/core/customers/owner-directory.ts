import { isEmail } from './account-facts';

/** Finds the Slack user an email belongs to (Slack's users.lookupByEmail); null when no user has it. */
export interface TOwnerDirectory {
  userIdForEmail(email: string): Promise<string | null>;
}

export interface TOwnerResolution {
  /** What to store for each owner as given: the user id found, or the email itself. */
  stored: Map<string, string>;
  /** Emails no Slack user has: kept as text and reported, never a failure. */
  unknown: string[];
}

/**
 * Resolves the email owners among `owners` (each once), leaving user ids as they are. Without a directory (an
 * offline import) every email stays text and is reported as unresolved.
 */
export async function resolveOwners(
  owners: Iterable<string | null | undefined>,
  directory: TOwnerDirectory | undefined,
): Promise<TOwnerResolution> {
  const stored = new Map<string, string>();
  const unknown: string[] = [];
  for (const owner of owners) {
    if (!owner || stored.has(owner)) continue;
    if (!isEmail(owner)) {
      stored.set(owner, owner);
      continue;
    }
    const userId = directory ? await directory.userIdForEmail(owner) : null;
    stored.set(owner, userId ?? owner);
    if (!userId) unknown.push(owner);
  }
  return { stored, unknown };
}
