import type { WebClient } from '@slack/web-api';
import type { TSlaDisplay } from '../../core/escalations/sla-clock';
import type { TClock } from '../../core/shared/clock';
import type { TDatabase } from '../../core/shared/db/client';
import type { TSqlQueryable } from '../../core/shared/db/sql';
import type { TDeliveryHints, TOutboxSink } from '../../core/shared/deps';
import type { TOutboxMessage } from '../../core/shared/outbox/outbox-messages';
import {
  dueOutboxIds,
  leaseOutboxMessage,
  markOutboxDead,
  markOutboxSent,
  rescheduleOutbox,
  type TLeasedOutboxMessage,
} from '../../core/shared/outbox/outbox-repository';
import type { TStormSettings } from '../../core/storms/storm-rule';
import type { Logger } from '../../logger';
import type { Permalinks } from './permalinks';
import { ChannelJoins } from './post-joining';
import { classifySlackError, mayHaveReachedSlack, SLACK_PACED, type TSlackFailure } from './slack-errors';
import { type TSlackPriority, withSlackPriority } from './slack-pacer';

/** What a handler reports when the message cannot be sent yet for a reason that is not a failure. */
export class NotYet extends Error {
  constructor(
    readonly waitMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface TSendContext {
  client: WebClient;
  db: TDatabase;
  clock: TClock;
  logger: Logger;
  advocateChannelId: string;
  /** ACCOUNT_TIERS and RENEWAL_WINDOW_DAYS, for cards that weigh accounts (the theme card). */
  accounts?: { tiers: string[]; renewalWindowDays: number };
  /** The SLA policy and the team's time zone, for the clock on escalation cards. */
  sla?: TSlaDisplay;
  /** What the caller already knows to be current (see TDeliveryHints); a handler checks it before trusting it. */
  hints: TDeliveryHints;
  /**
   * This message's outbox key (posted as message metadata, so that it can be found again), when it was queued, and
   * whether an earlier attempt may have reached Slack although no answer came back: then look before posting again.
   */
  delivery: { key: string; since: Date; mayHaveBeenSent: boolean };
  permalinks?: Permalinks;
  /** The dispatcher's joins in flight: one `conversations.join` per channel however many messages need it. */
  joins: ChannelJoins;
  /** When escalation cards roll up into a storm; unset, every card is posted on its own. */
  storms?: TStormSettings;
}

/** What a handler records once Slack accepted the message, in the transaction that marks it sent. */
export type TRecordSent = (q: TSqlQueryable) => Promise<void>;

// biome-ignore lint/suspicious/noConfusingVoidType: most handlers record nothing and simply return
type THandlerResult = void | TRecordSent;

export type TOutboxHandler<K extends TOutboxMessage['kind']> = (
  message: Extract<TOutboxMessage, { kind: K }>,
  context: TSendContext,
) => Promise<THandlerResult>;

export type TOutboxHandlers = { [K in TOutboxMessage['kind']]: TOutboxHandler<K> };

export interface TDispatcherOptions {
  client: WebClient;
  /** Card links for messages that carry one (a reporter's DM); without it a sender asks Slack each time. */
  permalinks?: Permalinks;
  db: TDatabase;
  clock: TClock;
  logger: Logger;
  advocateChannelId: string;
  accounts?: { tiers: string[]; renewalWindowDays: number };
  sla?: TSlaDisplay;
  handlers: TOutboxHandlers;
  /** Where each send is recorded so shutdown waits for it (the app's TaskTracker); unset, nobody waits. */
  tasks?: { track<T>(work: Promise<T>): Promise<T> };
  /** Hooks for a failure to be recorded where users look (e.g. an unposted card in `list`). */
  onFailure?: (message: TOutboxMessage, failure: TSlackFailure, attempt: number) => Promise<void>;
  onSent?: (message: TOutboxMessage) => Promise<void>;
  leaseMs?: number;
  storms?: TStormSettings;
  /** Failed attempts after which a message is `dead` instead of retried; defaults to OUTBOX_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 15 * 60_000;
const PERMANENT_RETRY_MS = 30 * 60_000;

/** Who is waiting for it: the person who acted first, then the cards advocates work from, then thread chatter. */
export function priorityOf(message: TOutboxMessage): TSlackPriority {
  switch (message.kind) {
    case 'flag.confirmation':
      return 'interactive';
    case 'card.post':
    case 'card.update':
    case 'theme.card.post':
    case 'theme.card.update':
    case 'storm.post':
    case 'storm.update':
      return 'card';
    default:
      return 'thread';
  }
}

export function backoffMs(attempt: number) {
  return Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * After this many failed attempts a message is `dead`: with the backoff above (2 s doubling to 15 min) that is about
 * 23 hours of Slack refusing it, so an outage of a few hours loses nothing and a hopeless message stops retrying.
 */
export const OUTBOX_MAX_ATTEMPTS = 100;

/**
 * Sends committed outbox messages to Slack. Each message is leased before it is sent, so replicas never send one
 * twice; a failure is rescheduled with backoff (or after Slack's Retry-After), and after OUTBOX_MAX_ATTEMPTS failures
 * the message is kept as `dead` instead of retried forever.
 */
export class OutboxDispatcher implements TOutboxSink {
  private draining: Promise<void> | null = null;
  readonly joins = new ChannelJoins();

  constructor(private readonly options: TDispatcherOptions) {}

  async deliver(outboxIds: number[]): Promise<void> {
    for (const id of outboxIds) await this.track(this.sendOne(id));
  }

  async deliverLeased(messages: TLeasedOutboxMessage[], hints: TDeliveryHints = {}): Promise<void> {
    await this.track(this.sendAll(messages, hints));
  }

  /** Sends everything due now; overlapping calls share one pass. */
  drainDue(): Promise<void> {
    if (!this.draining) {
      this.draining = this.track(this.drainPass()).finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    return this.options.tasks?.track(promise) ?? promise;
  }

  private async drainPass() {
    const { db, clock } = this.options;
    for (let pass = 0; pass < 20; pass++) {
      const ids = await dueOutboxIds(db.prisma, clock.now(), 50);
      if (ids.length === 0) return;
      for (const id of ids) await this.sendOne(id);
      if (ids.length < 50) return;
    }
  }

  private async sendOne(id: number): Promise<void> {
    const { db, clock, logger } = this.options;
    const leased = await leaseOutboxMessage(db.prisma, id, clock.now(), this.options.leaseMs ?? 60_000).catch(
      (error) => {
        logger.error(`outbox: could not lease message ${id}:`, error);
        return null;
      },
    );
    if (leased) await this.sendAll([leased], {});
  }

  /**
   * Sends leased messages one after the other (a card before its thread lines), then records every one Slack
   * accepted in one transaction: what the handlers record (a card's ts) and the sent marks together.
   */
  private async sendAll(messages: TLeasedOutboxMessage[], hints: TDeliveryHints): Promise<void> {
    const { db, clock, logger } = this.options;
    const sent: { id: number; message: TOutboxMessage; record?: TRecordSent }[] = [];
    for (const leased of messages) {
      const outcome = await this.send(leased, hints);
      if (outcome) sent.push({ id: leased.id, message: leased.message, record: outcome.record });
    }
    if (sent.length === 0) return;
    try {
      await db.sql.transaction(async (q) => {
        for (const { record } of sent) await record?.(q);
        await markOutboxSent(
          q,
          sent.map(({ id }) => id),
          clock.now(),
        );
      });
    } catch (error) {
      // Slack has them; the lease runs out and a drain finds the card already posted, so nothing is sent twice
      // except, at worst, a thread line or DM whose answer was accepted but not recorded.
      logger.error(`outbox: could not record ${sent.length} sent message(s):`, error);
      return;
    }
    for (const { message } of sent) await this.options.onSent?.(message);
  }

  /** Sends one leased message; a failure is rescheduled, never thrown. Resolves with what to record when sent. */
  private async send(leased: TLeasedOutboxMessage, hints: TDeliveryHints): Promise<{ record?: TRecordSent } | null> {
    const { id, attempts, message } = leased;
    const { db, clock, logger, client, advocateChannelId, permalinks, accounts } = this.options;
    const delivery = {
      key: leased.dedupeKey,
      since: leased.createdAt,
      mayHaveBeenSent: leased.leaseExpired || leased.maybeSentSince !== null || mayHaveReachedSlack(leased.lastError),
    };
    // Kept on the row through every later failure (a look-up refused with a 429 included), so that the next attempt
    // looks again rather than posting blind; recording the send clears it.
    const maybeSentSince = (failed: boolean) =>
      delivery.mayHaveBeenSent || failed ? (leased.maybeSentSince ?? clock.now()) : undefined;
    const { joins } = this;
    const { storms } = this.options;
    const context: TSendContext = {
      client,
      db,
      clock,
      logger,
      advocateChannelId,
      accounts,
      hints,
      delivery,
      permalinks,
      joins,
      storms,
      sla: this.options.sla,
    };
    try {
      const handler = this.options.handlers[message.kind] as TOutboxHandler<typeof message.kind>;
      const record = await withSlackPriority(priorityOf(message), () => handler(message as never, context));
      return { record: record ?? undefined };
    } catch (error) {
      // Held back by our own pacer (nothing reached Slack): its turn comes, and waiting for it is no failed attempt.
      const paced = error instanceof NotYet ? null : classifySlackError(error);
      if (error instanceof NotYet || paced?.reason === SLACK_PACED) {
        const waitMs = error instanceof NotYet ? error.waitMs : (paced?.retryAfterMs ?? 1_000);
        await rescheduleOutbox(db.prisma, id, {
          at: new Date(clock.now().getTime() + waitMs),
          countAttempt: false,
          maybeSentSince: maybeSentSince(false),
        }).catch((dbError) => logger.error(`outbox: could not reschedule ${id}:`, dbError));
        return null;
      }
      const failure = classifySlackError(error);
      const attempt = attempts + 1;
      if (attempt >= (this.options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS)) {
        const died = await markOutboxDead(db.prisma, id, failure.reason).catch((dbError) => {
          logger.error(`outbox: could not mark ${id} dead:`, dbError);
          return false;
        });
        if (died)
          logger.error(
            `outbox: ${message.kind} #${id} failed ${attempt} times (last: ${failure.reason}); gave up, it is now dead`,
          );
        await this.options
          .onFailure?.(message, failure, attempt)
          .catch((hookError) => logger.error('outbox: failure hook:', hookError));
        return null;
      }
      const wait = failure.retryAfterMs ?? (failure.permanent ? PERMANENT_RETRY_MS : backoffMs(attempt));
      logger.warn(
        `outbox: ${message.kind} #${id} failed (${failure.reason}); attempt ${attempt}, retrying in ${Math.round(wait / 1000)}s`,
      );
      await rescheduleOutbox(db.prisma, id, {
        at: new Date(clock.now().getTime() + wait),
        error: failure.reason,
        countAttempt: true,
        maybeSentSince: maybeSentSince(failure.kind === 'ambiguous'),
      }).catch((dbError) => logger.error(`outbox: could not reschedule ${id}:`, dbError));
      await this.options
        .onFailure?.(message, failure, attempt)
        .catch((hookError) => logger.error('outbox: failure hook:', hookError));
      return null;
    }
  }
}
