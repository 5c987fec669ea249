import { AppError, ErrorCode } from './app-error';
import type { TClock } from './clock';
import { LONG_TRANSACTION_OPTIONS, type TDatabase, TRANSACTION_OPTIONS, type TTransaction } from './db/client';
import { isUniqueViolation } from './db/database-errors';
import { sqlOverPrisma, type TSqlQueryable } from './db/sql';
import type { TDeliveryHints, TOutboxSink } from './deps';
import type { TOutboxItem } from './outbox/outbox-messages';
import { enqueueOutbox, enqueueOutboxLeased, type TLeasedOutboxMessage } from './outbox/outbox-repository';
import { handledEventCommitted, recordHandledEvent } from './seen-events';

/**
 * Every write that tells Slack goes through here: the change, its timeline and its outbox items in one transaction,
 * the items leased to this process as they are inserted, then commit, then delivery (which never throws). A
 * concurrent change that wins the race makes the work start over with a fresh `now`, in this one place.
 */

/** The work lost a race (a version check, a conditional update, a row another transaction changed first). */
export class RaceLost extends Error {
  override name = 'RaceLost';
}

export interface TUnitOfWorkDeps {
  db: TDatabase;
  clock: TClock;
  outbox: TOutboxSink;
}

/** What the work sees: the transaction, the time of this attempt, and where it puts what Slack should hear. */
export interface TUnitOfWork {
  readonly now: Date;
  /** Prepared SQL inside this transaction. */
  readonly q: TSqlQueryable;
  /** Outbox items to insert (leased to this process) just before commit; a key already queued is skipped. */
  queue(items: readonly TOutboxItem[]): void;
  /** Messages the work inserted itself, already leased (the flag's card comes out of the escalation's insert). */
  queueLeased(messages: readonly TLeasedOutboxMessage[]): void;
  /** What the sender may take as current instead of reading it again. */
  hint(hints: TDeliveryHints): void;
}

export interface TPrismaUnitOfWork extends TUnitOfWork {
  readonly tx: TTransaction;
}

export interface TUnitOfWorkOptions<T> {
  /** What the person reads when every attempt lost its race; DEFAULT_CONFLICT unless the work says better. */
  conflict?: string;
  /** Attempts before giving up with a Conflict; DEFAULT_ATTEMPTS unless the work is large (an import). */
  attempts?: number;
  /** `long`: imports and sweeps over many rows, which may hold the transaction for minutes. */
  duration?: 'normal' | 'long';
  /** Told as soon as the work committed, before anything is sent (a slash command acks then). */
  committed?: (result: T) => void;
}

export interface TPreparedUnitOfWorkOptions<T> extends TUnitOfWorkOptions<T> {
  /**
   * The work's writes are one statement, atomic by itself: it runs without BEGIN and COMMIT, which are two of a
   * flag's six round trips on PostgreSQL. Reads before it, and a customer created on first mention, may commit
   * alone; nothing that must roll back with it may be written.
   */
  oneStatement?: boolean;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_CONFLICT = 'Someone else is changing this right now; nothing was changed. Try again in a moment.';

/**
 * One message gets the dispatcher's own lease; a batch is sent one after the other, each Slack call taking up to
 * 10 s, so every further message extends it: a replica's drain must not take a message this process is about to send.
 */
const LEASE_MS = 60_000;
const LEASE_MS_PER_FURTHER_MESSAGE = 20_000;
export const leaseMsFor = (messages: number) => LEASE_MS + LEASE_MS_PER_FURTHER_MESSAGE * Math.max(0, messages - 1);

/** Runs `work` in a Prisma interactive transaction (the repositories over Prisma), then tells Slack. */
export function runUnitOfWork<T>(
  deps: TUnitOfWorkDeps,
  options: TUnitOfWorkOptions<NoInfer<T>>,
  work: (uow: TPrismaUnitOfWork) => Promise<T>,
): Promise<T> {
  const transactionOptions = options.duration === 'long' ? LONG_TRANSACTION_OPTIONS : TRANSACTION_OPTIONS;
  return withRetries(deps, options, (now) =>
    deps.db.prisma.$transaction(async (tx) => {
      const unit = new Collector(now, sqlOverPrisma(deps.db.provider, tx), deps.outbox.leases !== false);
      const result = await work(Object.assign(unit.view(), { tx }));
      return { result, ...(await unit.enqueue()) };
    }, transactionOptions),
  );
}

/** Runs `work` in a transaction of prepared statements (the hot paths: a flag, a claim, a reaction), then tells Slack. */
export function runPreparedUnitOfWork<T>(
  deps: TUnitOfWorkDeps,
  options: TPreparedUnitOfWorkOptions<NoInfer<T>>,
  work: (uow: TUnitOfWork) => Promise<T>,
): Promise<T> {
  const { sql } = deps.db;
  const attempt = async (q: TSqlQueryable, now: Date) => {
    const unit = new Collector(now, q, deps.outbox.leases !== false);
    const result = await work(unit.view());
    return { result, ...(await unit.enqueue()) };
  };
  return withRetries(deps, options, (now) =>
    options.oneStatement ? attempt(sql, now) : sql.transaction((q) => attempt(q, now)),
  );
}

interface TCommitted<T> {
  result: T;
  leased: TLeasedOutboxMessage[];
  hints: TDeliveryHints;
  /** The Slack event being handled was recorded in this transaction (see seen-events.ts). */
  eventRecorded: boolean;
}

async function withRetries<T>(
  deps: TUnitOfWorkDeps,
  options: TUnitOfWorkOptions<T>,
  attempt: (now: Date) => Promise<TCommitted<T>>,
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let tried = 1; tried <= attempts; tried++) {
    let committed: TCommitted<T>;
    try {
      committed = await attempt(deps.clock.now());
    } catch (error) {
      // Another transaction got there first (a version, a conditional update, a unique key): decide again on what
      // is true now.
      if (error instanceof RaceLost || isUniqueViolation(error)) continue;
      throw error;
    }
    if (committed.eventRecorded) handledEventCommitted();
    options.committed?.(committed.result);
    if (committed.leased.length > 0) await deps.outbox.deliverLeased(committed.leased, committed.hints);
    return committed.result;
  }
  throw new AppError(ErrorCode.Conflict, { userMessage: options.conflict ?? DEFAULT_CONFLICT });
}

class Collector {
  private readonly items: TOutboxItem[] = [];
  private readonly leased: TLeasedOutboxMessage[] = [];
  private hints: TDeliveryHints = {};

  constructor(
    readonly now: Date,
    readonly q: TSqlQueryable,
    private readonly leases: boolean,
  ) {}

  view(): TUnitOfWork {
    return {
      now: this.now,
      q: this.q,
      queue: (items) => {
        this.items.push(...items);
      },
      queueLeased: (messages) => {
        this.leased.push(...messages);
      },
      hint: (hints) => {
        this.hints = { ...this.hints, ...hints };
      },
    };
  }

  /** Just before commit: the outbox items, and the id of the Slack event that caused the change, if any. */
  async enqueue(): Promise<{ leased: TLeasedOutboxMessage[]; hints: TDeliveryHints; eventRecorded: boolean }> {
    if (!this.leases) {
      await enqueueOutbox(this.q, this.items, this.now);
      const eventRecorded = await recordHandledEvent(this.q, this.now);
      return { leased: this.leased, hints: this.hints, eventRecorded };
    }
    const count = this.items.length + this.leased.length;
    const inserted =
      this.items.length > 0 ? await enqueueOutboxLeased(this.q, this.items, this.now, leaseMsFor(count)) : [];
    const eventRecorded = await recordHandledEvent(this.q, this.now);
    return { leased: [...this.leased, ...inserted], hints: this.hints, eventRecorded };
  }
}
