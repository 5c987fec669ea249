import type { TDatabase } from '../db/client';
import type { TClock } from './clock';

/** Hands committed outbox messages to whoever sends them (the Slack dispatcher, or nothing in domain tests). */
export interface TOutboxSink {
  /** Sends these now if it can; never throws: what fails stays queued and is retried. */
  deliver(outboxIds: number[]): Promise<void>;
}

/** What every domain service needs; passed in, never imported, so tests can use a throwaway database and clock. */
export interface TDomainDeps {
  db: TDatabase;
  clock: TClock;
  outbox: TOutboxSink;
}

export const silentOutbox: TOutboxSink = { deliver: async () => {} };
