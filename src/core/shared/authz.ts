/**
 * Who may do what: the one table. A person has one role — an advocate (the advocate user group when there is one,
 * else the advocate channel's members), an agent (any other full member of the workspace) or a guest (a restricted
 * or single-channel member) — and each permission names the roles that hold it. Listeners say which permission they
 * need; only this table says who has it. The README's "Who may do what" is this table in words.
 */
export type TRole = 'advocate' | 'agent' | 'guest';

export const PERMISSIONS = {
  /** Flag a conversation: `/advocate <summary>`, the intake form, the message shortcut. */
  canFlag: ['advocate', 'agent'],
  /** Record an NPS or CSAT response by hand (`nps`, `csat`). */
  canRecordResponses: ['advocate', 'agent'],
  /** See the escalations one reported: `show` of one's own, one's App Home. */
  canSeeOwnEscalations: ['advocate', 'agent'],
  /** Withdraw an escalation one reported (`/advocate withdraw`, issue 25). */
  canWithdrawOwnEscalations: ['advocate', 'agent'],
  /** See every escalation: `list`, `show` of anyone's. */
  canSeeAllEscalations: ['advocate'],
  /** Customers' profiles, the customers at risk, the themes list. */
  canSeeCustomers: ['advocate'],
  /** Post a digest now (`digest`). */
  canRunDigests: ['advocate'],
  /** Send digests to more channels (`subscribe`, `unsubscribe`). */
  canManageSubscriptions: ['advocate'],
  /** Claim, resolve, raise and reopen escalations; open one from a digest's detractor or an at-risk customer. */
  canActOnEscalations: ['advocate'],
  /** Open, link, resolve themes and link or unlink their tickets. */
  canManageThemes: ['advocate'],
  /** Merge one customer into another (it rewrites where a customer's history lives). */
  canMergeCustomers: ['advocate'],
  /** Set an account's facts (owner, tier, renewal, ARR, domains) and link channels to customers: they steer routing. */
  canManageAccounts: ['advocate'],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export const roleMay = (role: TRole, permission: TPermission): boolean =>
  (PERMISSIONS[permission] as readonly TRole[]).includes(role);

/** The authorization port: each permission asked by name, and the role behind it (for the App Home's layout). */
export type TAuthz = { [P in TPermission]: (userId: string) => Promise<boolean> } & {
  roleOf(userId: string): Promise<TRole>;
};

/** Every permission answered from the table, given whoever knows each person's role. */
export function roleAuthz(roleOf: (userId: string) => Promise<TRole>): TAuthz {
  const entries = (Object.keys(PERMISSIONS) as TPermission[]).map(
    (permission) => [permission, async (userId: string) => roleMay(await roleOf(userId), permission)] as const,
  );
  return { ...(Object.fromEntries(entries) as { [P in TPermission]: (userId: string) => Promise<boolean> }), roleOf };
}

/** Advocates as `isAdvocate` says, everyone else an agent (tools with no one to ask about guests). */
export function advocatesAuthz(isAdvocate: (userId: string) => Promise<boolean>): TAuthz {
  return roleAuthz(async (userId) => ((await isAdvocate(userId)) ? 'advocate' : 'agent'));
}

/** For tools with no one to ask (the CLI) and domain tests: these user ids are the advocates. */
export const fixedAdvocates = (userIds: Iterable<string> = []): TAuthz => {
  const advocates = new Set(userIds);
  return advocatesAuthz(async (userId) => advocates.has(userId));
};

/**
 * Whether `userId` may see this escalation: advocates see all, anyone who may see their own sees the ones they
 * reported. (Account owners, once accounts have owners, will see their accounts' escalations here too.)
 */
export async function maySeeEscalation(
  authz: TAuthz,
  userId: string,
  escalation: { reporterId: string },
): Promise<boolean> {
  if (await authz.canSeeAllEscalations(userId)) return true;
  return escalation.reporterId === userId && (await authz.canSeeOwnEscalations(userId));
}
