/** A customer's standing: `unknown` until the CRM has told us anything. */
export type TCustomerStatus = 'active' | 'churned' | 'unknown';

export const LIFECYCLE_EVENTS = ['active', 'renewed', 'churned'] as const;
export type TLifecycleEventKind = (typeof LIFECYCLE_EVENTS)[number];

/** `renewed` is still active: it never starts a new "active since". */
export const statusAfter = (event: string): TCustomerStatus => (event === 'churned' ? 'churned' : 'active');

/**
 * Status and "since" from a customer's events, latest first: the latest `at` decides the status (events may arrive
 * out of order), and "since" is when the current run of that status began, so a renewal keeps the original date.
 */
export function currentStatus(latestFirst: { event: string; at: Date }[]): {
  status: TCustomerStatus;
  since: Date | null;
} {
  const [latest] = latestFirst;
  if (!latest) return { status: 'unknown', since: null };
  const status = statusAfter(latest.event);
  let since = latest.at;
  for (const event of latestFirst) {
    if (statusAfter(event.event) !== status) break;
    since = event.at;
  }
  return { status, since };
}
