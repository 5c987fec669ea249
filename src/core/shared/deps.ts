import type { TEscalation } from '../escalations/escalations-repository';
import type { TSlaPolicy } from '../escalations/sla-policy';
import type { TAuthz } from './authz';
import type { TClock } from './clock';
import type { TDatabase } from './db/client';
import type { TLeasedOutboxMessage } from './outbox/outbox-repository';

/** What the sender may take as current instead of reading it again, e.g. the escalation a flag just stored. */
export interface TDeliveryHints {
  escalation?: TEscalation;
}

/** Hands committed outbox messages to whoever sends them (the Slack dispatcher, or nothing in domain tests). */
export interface TOutboxSink {
  /** Sends these now if it can; never throws: what fails stays queued and is retried. */
  deliver(outboxIds: number[]): Promise<void>;
  /** Sends messages this process queued already leased to itself (no lease round trip); never throws. */
  deliverLeased(messages: TLeasedOutboxMessage[], hints?: TDeliveryHints): Promise<void>;
  /**
   * False in a process that sends nothing (a CSV import): what it queues is written unleased, due at once, so the
   * running app's next drain sends it instead of waiting out a lease held by a process that has exited.
   */
  readonly leases?: boolean;
}

/** A customer something just happened to, and the escalation that did it (when it was one). */
export interface TAtRiskSubject {
  customer: { id: number; atRiskAnnouncedAt: Date | null } | null;
  causedByEscalationId?: number;
}

/** Evaluates customers for the at-risk announcement after a change was committed (src/core/customers/at-risk-watch.ts). */
export interface TAtRiskPort {
  evaluate(subjects: readonly TAtRiskSubject[], now: Date): Promise<void>;
}

/** What every domain service needs; passed in, never imported, so tests can use a throwaway database and clock. */
export interface TDomainDeps {
  db: TDatabase;
  clock: TClock;
  outbox: TOutboxSink;
  /** Who may do what (the advocates, on Slack). */
  authz: TAuthz;
  /** The SLA policy (config.sla.policy); unset in domain tests, where a pause is counted around the clock. */
  slaPolicy?: TSlaPolicy;
  /** Unset: nothing is evaluated after a change (most domain tests); the app always sets it. */
  atRisk?: TAtRiskPort;
  /** Where work done after a commit reports a failure it cannot hand back to anyone (the app logs it). */
  onBackgroundError?: (what: string, error: unknown) => void;
}

export const silentOutbox: TOutboxSink = { deliver: async () => {}, deliverLeased: async () => {} };

/** For the CLIs that write and exit: the running app sends what they queue. */
export const leaveToTheApp: TOutboxSink = { ...silentOutbox, leases: false };
