import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  claimDelivery,
  completeDelivery,
  deliveriesOfPeriod,
  failDelivery,
  skipDelivery,
  type TDeliveryKey,
} from '../../core/digests/deliveries-repository';
import { listSubscriptions, type TSubscription } from '../../core/digests/subscriptions-repository';
import { AppError, ErrorCode } from '../../core/shared/app-error';
import { withJobLease } from '../../core/shared/job-leases-repository';
import { outboxKey } from '../../core/shared/outbox/outbox-keys';
import { runUnitOfWork } from '../../core/shared/unit-of-work';
import { classifySlackError } from '../kit/slack-errors';
import {
  DIGEST_TITLES,
  digestKind,
  type TDigestContext,
  type TDigestKind,
  type TDigestOutput,
  type TDigestServices,
  type TDigestTrigger,
} from './digest-kinds';
import { unreachableReason } from './post-digest';

/** Long enough for a digest to many channels with slow Slack answers; a crashed holder frees it after this. */
const LEASE_TTL_MS = 10 * 60_000;
/** Delivery states that end a period for a channel: nobody sends it again. */
const SETTLED = new Set(['sent', 'sending', 'skipped']);

export interface TSendDigestOptions {
  kind: string;
  trigger: TDigestTrigger;
  /** The scheduled minute; a manual run passes the moment it was asked for. */
  scheduledAt: Date;
  now?: Date;
  /** Manual runs get their own period (`manual:<ISO>`) so they never take the place of a scheduled one. */
  period?: string;
  /** `advocate-channel` for `/advocate digest`, which posts there only. */
  recipients?: 'all' | 'advocate-channel';
  /** Defaults to DRY_RUN. */
  dryRun?: boolean;
}

export type TRecipientOutcome = 'sent' | 'dry-run' | 'already-sent' | 'unreachable' | 'failed';

export interface TRecipientResult {
  channelId: string;
  outcome: TRecipientOutcome;
  reason?: string;
  output?: TDigestOutput;
}

export interface TDigestRun {
  kind: string;
  period: string;
  trigger: TDigestTrigger;
  results: TRecipientResult[];
}

/** Unique per call: the lease is held by one run, not one process (tests run two apps in one process). */
const leaseHolder = () => `${hostname()}:${process.pid}:${randomUUID()}`;

export function requireDigestKind(digests: readonly TDigestKind[], name: string): TDigestKind {
  const kind = digestKind(digests, name);
  if (kind) return kind;
  const title = DIGEST_TITLES[name as keyof typeof DIGEST_TITLES] ?? `"${name}" digest`;
  throw new AppError(ErrorCode.NotFound, {
    userMessage: `The ${title} is not available in this version of Advocate yet.`,
  });
}

async function recipientsOf(
  services: TDigestServices,
  kind: TDigestKind,
  options: TSendDigestOptions,
): Promise<{ channelId: string; subscription?: TSubscription }[]> {
  const advocateChannelId = services.config.slack.advocateChannelId;
  const recipients: { channelId: string; subscription?: TSubscription }[] = [{ channelId: advocateChannelId }];
  if (options.recipients === 'advocate-channel') return recipients;
  // A channel that subscribed after the scheduled minute did not miss that digest: its first is the next one.
  const createdUpTo = options.trigger === 'manual' ? undefined : options.scheduledAt;
  for (const subscription of await listSubscriptions(services.deps.db.prisma, kind.subscriptionKind, createdUpTo)) {
    if (subscription.channelId !== advocateChannelId)
      recipients.push({ channelId: subscription.channelId, subscription });
  }
  return recipients;
}

/** The channel cannot take the digest: skip it for this period and tell whoever subscribed it, once. */
async function reportUnreachable(
  services: TDigestServices,
  key: TDeliveryKey,
  reason: string,
  subscription: TSubscription | undefined,
) {
  const { deps, logger } = services;
  logger.warn(`digest ${key.kind} ${key.period}: cannot post to ${key.channelId} (${reason}); skipped`);
  await runUnitOfWork(deps, {}, async ({ tx, queue }) => {
    await skipDelivery(tx, key, reason);
    if (!subscription) return;
    queue([
      {
        dedupeKey: outboxKey.digestUnreachable(key),
        message: {
          kind: 'digest.unreachable',
          userId: subscription.subscribedBy,
          digest: key.kind,
          channelId: key.channelId,
          reason,
        },
      },
    ]);
  });
}

async function deliverTo(
  services: TDigestServices,
  kind: TDigestKind,
  context: TDigestContext,
  key: TDeliveryKey,
  subscription: TSubscription | undefined,
): Promise<TRecipientResult> {
  const { deps, logger } = services;
  const { channelId } = key;
  if (!context.dryRun && !(await claimDelivery(deps.db.prisma, key, context.trigger, context.now)))
    return { channelId, outcome: 'already-sent' };
  try {
    const output = await kind.send(services, channelId, context);
    if (context.dryRun) return { channelId, outcome: 'dry-run', output };
    await completeDelivery(deps.db.prisma, key, deps.clock.now());
    return { channelId, outcome: 'sent', output };
  } catch (error) {
    if (context.dryRun) throw error;
    const unreachable = unreachableReason(error);
    if (unreachable) {
      await reportUnreachable(services, key, unreachable, subscription);
      return { channelId, outcome: 'unreachable', reason: unreachable };
    }
    const failure = classifySlackError(error);
    // A hiccup is tried again by the next tick; an answer that cannot change (invalid_blocks) is not.
    if (failure.permanent) {
      logger.error(`digest ${key.kind} ${key.period} to ${channelId} refused (${failure.reason}):`, error);
      await skipDelivery(deps.db.prisma, key, failure.reason);
    } else {
      logger.warn(`digest ${key.kind} ${key.period} to ${channelId} failed (${failure.reason}); retried next minute`);
      await failDelivery(deps.db.prisma, key, failure.reason);
    }
    return { channelId, outcome: 'failed', reason: failure.reason };
  }
}

/**
 * The one way a digest is sent, by the scheduler, the catch-up, `/advocate digest` and `npm run digest`: under the
 * job's lease, each recipient's delivery (kind, channel, period) is recorded before it is posted, so a restart, a
 * slow Slack call or a second replica never posts it twice. One channel failing never stops the others.
 * Returns null when another run of the same job holds the lease (it is sending this digest right now).
 */
export async function sendDigest(services: TDigestServices, options: TSendDigestOptions): Promise<TDigestRun | null> {
  const kind = requireDigestKind(services.digestCatalog.digests, options.kind);
  const now = options.now ?? services.deps.clock.now();
  const timeZone = services.config.digest.timeZone;
  const context: TDigestContext = {
    scheduledAt: options.scheduledAt,
    now,
    trigger: options.trigger,
    dryRun: options.dryRun ?? services.config.dryRun,
  };
  const period =
    options.period ??
    (options.trigger === 'manual' ? `manual:${now.toISOString()}` : kind.period(options.scheduledAt, timeZone));
  const run = async (): Promise<TDigestRun> => {
    const recipients = await recipientsOf(services, kind, options);
    const settled = new Map(
      (await deliveriesOfPeriod(services.deps.db.prisma, kind.kind, period)).map((row) => [row.channelId, row.status]),
    );
    const results: TRecipientResult[] = [];
    for (const { channelId, subscription } of recipients) {
      if (!context.dryRun && SETTLED.has(settled.get(channelId) ?? '')) {
        results.push({ channelId, outcome: 'already-sent' });
        continue;
      }
      const key = { kind: kind.kind, channelId, period };
      try {
        results.push(await deliverTo(services, kind, context, key, subscription));
      } catch (error) {
        // Only the database can fail here; the next channel may still work.
        services.logger.error(`digest ${kind.kind} ${period} to ${channelId}:`, error);
        results.push({ channelId, outcome: 'failed', reason: (error as Error).message });
      }
    }
    return { kind: kind.kind, period, trigger: options.trigger, results };
  };
  // A dry run records nothing, so it needs no lease and never waits for a real run.
  if (context.dryRun) return run();
  const leaseName = options.trigger === 'manual' ? `digest:${kind.kind}:manual` : `digest:${kind.kind}`;
  return withJobLease(
    services.deps.db.prisma,
    { name: leaseName, holder: leaseHolder(), now, ttlMs: LEASE_TTL_MS },
    run,
  );
}
