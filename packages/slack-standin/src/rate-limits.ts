import type { Params } from './params';

/**
 * Slack's published rate limits, enforced the way Slack does: a token bucket per method (per workspace) for the
 * tiered methods, and per channel for chat.postMessage ("about one message per second per channel, with short
 * bursts"). A call over the limit is answered 429 with Retry-After and does nothing.
 * https://api.slack.com/apis/rate-limits
 */
export interface RateLimit {
  /** Calls the bucket refills per minute. */
  perMinute: number;
  /** How many calls may come at once before the refill rate applies. */
  burst: number;
}

export interface RateLimitSettings {
  /** Per channel, for chat.postMessage and chat.postEphemeral's special tier. */
  postMessagePerChannel: RateLimit;
  /** Per method, by Slack's tiers; a method not listed is not limited here. */
  methods: Record<string, RateLimit>;
}

const TIER_2: RateLimit = { perMinute: 20, burst: 20 };
const TIER_3: RateLimit = { perMinute: 50, burst: 50 };
const TIER_4: RateLimit = { perMinute: 100, burst: 100 };

export const SLACK_RATE_LIMITS: RateLimitSettings = {
  postMessagePerChannel: { perMinute: 60, burst: 6 },
  methods: {
    'chat.update': TIER_3,
    'chat.delete': TIER_3,
    'chat.getPermalink': TIER_4,
    'chat.postEphemeral': TIER_4,
    'conversations.history': TIER_3,
    'conversations.replies': TIER_3,
    'conversations.info': TIER_3,
    'conversations.join': TIER_3,
    'conversations.members': TIER_4,
    'conversations.open': TIER_3,
    'users.info': TIER_4,
    'users.lookupByEmail': TIER_3,
    'usergroups.users.list': TIER_2,
    'views.open': TIER_4,
    'views.publish': TIER_4,
    'views.update': TIER_4,
  },
};

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before retrying when this call is over the limit (it is then not counted), else null. */
  take(method: string, params: Params): number | null {
    const channel = typeof params.channel === 'string' ? params.channel : '';
    const [key, limit] =
      method === 'chat.postMessage'
        ? [`${method} ${channel}`, this.settings.postMessagePerChannel]
        : [method, this.settings.methods[method]];
    if (!limit) return null;
    const now = this.now();
    const refillPerMs = limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
  }

  clear(): void {
    this.buckets.clear();
  }
}

/** The same limits on a faster clock: every bucket refills `factor` times as fast (tests that must not wait). */
export function fasterRateLimits(settings: RateLimitSettings, factor: number): RateLimitSettings {
  const faster = (limit: RateLimit): RateLimit => ({ ...limit, perMinute: limit.perMinute * factor });
  return {
    postMessagePerChannel: faster(settings.postMessagePerChannel),
    methods: Object.fromEntries(Object.entries(settings.methods).map(([method, limit]) => [method, faster(limit)])),
  };
}
