/**
 * Who may do what, asked of whoever knows (the app: the advocate group or channel on Slack). Every capability is an
 * advocate's today; they are named apart so that a listener says what it guards, not how that is decided.
 */
export interface TAuthz {
  /** Claim, resolve, raise and reopen escalations (buttons, reactions, commands); also who sees the advocate Home. */
  canActOnEscalations(userId: string): Promise<boolean>;
  /** Open, link, resolve themes and link or unlink their tickets. */
  canManageThemes(userId: string): Promise<boolean>;
  /** Merge one customer into another (it rewrites where a customer's history lives). */
  canMergeCustomers(userId: string): Promise<boolean>;
}

export type TPermission = keyof TAuthz;

/** Every capability granted to exactly the people `isAdvocate` says are advocates. */
export function advocatesAuthz(isAdvocate: (userId: string) => Promise<boolean>): TAuthz {
  return { canActOnEscalations: isAdvocate, canManageThemes: isAdvocate, canMergeCustomers: isAdvocate };
}

/** For tools with no one to ask (the CLI) and domain tests: these user ids are the advocates. */
export const fixedAdvocates = (userIds: Iterable<string> = []): TAuthz => {
  const advocates = new Set(userIds);
  return advocatesAuthz(async (userId) => advocates.has(userId));
};
