import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Keeps Advocate within Slack's rate limits instead of finding them with 429s: every Web API call waits for a token
 * of its lane (chat.postMessage per channel, the tiered methods per method), a 429 closes the method's lane for
 * Retry-After, and a failing Slack (5xx, no answer) closes it with a backoff shared by every message, so an outage
 * costs one probe every few seconds, not one call per queued message. Waiting callers go by priority, then in
 * arrival order. https://api.slack.com/apis/rate-limits
 */
export type TSlackPriority = 'interactive' | 'card' | 'thread' | 'digest';
const PRIORITY_RANK: Record<TSlackPriority, number> = { interactive: 0, card: 1, thread: 2, digest: 3 };

export interface TLaneLimit {
  perMinute: number;
  burst: number;
}

export interface TPacerLimits {
  postMessagePerChannel: TLaneLimit;
  methods: Record<string, TLaneLimit>;
}

const TIER_2 = { perMinute: 20, burst: 5 };
const TIER_3 = { perMinute: 50, burst: 10 };
const TIER_4 = { perMinute: 100, burst: 20 };

/** Slack's published limits, kept a little under so that a burst from us never meets a burst of Slack's counting. */
export const SLACK_PACE: TPacerLimits = {
  postMessagePerChannel: { perMinute: 60, burst: 4 },
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

/** The same pace on a faster clock: every lane refills `factor` times as fast (for a Slack stand-in run as fast). */
export function fasterPace(limits: TPacerLimits, factor: number): TPacerLimits {
  const faster = (limit: TLaneLimit): TLaneLimit => ({ ...limit, perMinute: limit.perMinute * factor });
  return {
    postMessagePerChannel: faster(limits.postMessagePerChannel),
    methods: Object.fromEntries(Object.entries(limits.methods).map(([method, limit]) => [method, faster(limit)])),
  };
}

/** A call that would wait longer than its caller allows; the outbox reschedules the message for `waitMs` later. */
export class SlackThrottled extends Error {
  override name = 'SlackThrottled';
  constructor(
    readonly method: string,
    readonly waitMs: number,
  ) {
    super(`${method} is paced: the next slot is in ${Math.ceil(waitMs / 1000)} s`);
  }
}

interface TWaiter {
  rank: number;
  seq: number;
  resolve: () => void;
}

interface TLane {
  method: string;
  limit: TLaneLimit;
  tokens: number;
  at: number;
  waiters: TWaiter[];
  timer: NodeJS.Timeout | null;
}

const FAILURE_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

const priorityScope = new AsyncLocalStorage<TSlackPriority>();

/** Runs `work` with its Slack calls at `priority` (calls outside any scope answer a person: `interactive`). */
export const withSlackPriority = <T>(priority: TSlackPriority, work: () => Promise<T>): Promise<T> =>
  priorityScope.run(priority, work);

export interface TSlackPacerOptions {
  limits?: TPacerLimits;
  now?: () => number;
  /** Calls at these priorities give up with SlackThrottled rather than wait longer than this. */
  maxWaitMs?: Partial<Record<TSlackPriority, number>>;
}

export class SlackPacer {
  private readonly lanes = new Map<string, TLane>();
  private readonly failuresByMethod = new Map<string, number>();
  /** Per method, no call before this instant: Slack's Retry-After, or the shared backoff after failures. */
  private readonly closedUntil = new Map<string, number>();
  private seq = 0;
  private readonly limits: TPacerLimits;
  private readonly now: () => number;
  private readonly maxWaitMs: Partial<Record<TSlackPriority, number>>;

  constructor(options: TSlackPacerOptions = {}) {
    this.limits = options.limits ?? SLACK_PACE;
    this.now = options.now ?? Date.now;
    this.maxWaitMs = options.maxWaitMs ?? {};
  }

  /** Resolves when the call may go; throws SlackThrottled when its priority would wait longer than it may. */
  async acquire(method: string, channel: string | undefined): Promise<void> {
    const lane = this.lane(method, channel);
    if (!lane) return;
    const priority = priorityScope.getStore() ?? 'interactive';
    const limit = this.maxWaitMs[priority];
    if (limit !== undefined) {
      const wait = this.estimatedWaitMs(lane);
      if (wait > limit) throw new SlackThrottled(method, wait);
    }
    await new Promise<void>((resolve) => {
      lane.waiters.push({ rank: PRIORITY_RANK[priority], seq: this.seq++, resolve });
      lane.waiters.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
      this.pump(lane);
    });
  }

  /** What Slack answered: a 429 closes the lane for Retry-After; a failure backs every caller of the method off. */
  answered(method: string, outcome: { status: number; retryAfterS?: number }) {
    // Slack's Retry-After, and an outage, speak for the method: every channel's lane of it waits.
    if (outcome.status === 429) return this.close(method, (outcome.retryAfterS ?? 1) * 1000);
    if (outcome.status >= 500 || outcome.status === 0) {
      const failures = (this.failuresByMethod.get(method) ?? 0) + 1;
      this.failuresByMethod.set(method, failures);
      return this.close(method, FAILURE_BACKOFF_MS[Math.min(failures, FAILURE_BACKOFF_MS.length) - 1]!);
    }
    this.failuresByMethod.delete(method);
  }

  private close(method: string, forMs: number) {
    this.closedUntil.set(method, Math.max(this.closedUntil.get(method) ?? 0, this.now() + forMs));
  }

  private lane(method: string, channel: string | undefined): TLane | undefined {
    const perChannel = method === 'chat.postMessage';
    const limit = perChannel ? this.limits.postMessagePerChannel : this.limits.methods[method];
    if (!limit) return undefined;
    const key = perChannel ? `${method} ${channel ?? ''}` : method;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { method, limit, tokens: limit.burst, at: this.now(), waiters: [], timer: null };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private refill(lane: TLane) {
    const now = this.now();
    lane.tokens = Math.min(lane.limit.burst, lane.tokens + ((now - lane.at) * lane.limit.perMinute) / 60_000);
    lane.at = now;
  }

  /** How long a call joining the lane now would wait: the lane's closure, then one token per caller ahead. */
  private estimatedWaitMs(lane: TLane): number {
    this.refill(lane);
    const msPerToken = 60_000 / lane.limit.perMinute;
    const closed = Math.max(0, (this.closedUntil.get(lane.method) ?? 0) - this.now());
    const short = lane.waiters.length + 1 - lane.tokens;
    return closed + Math.max(0, short) * msPerToken;
  }

  private pump(lane: TLane) {
    if (lane.timer) return;
    this.refill(lane);
    const now = this.now();
    const closedUntil = this.closedUntil.get(lane.method) ?? 0;
    while (lane.waiters.length > 0 && now >= closedUntil && lane.tokens >= 1) {
      lane.tokens -= 1;
      lane.waiters.shift()!.resolve();
    }
    if (lane.waiters.length === 0) return;
    const msPerToken = 60_000 / lane.limit.perMinute;
    const wait = Math.max(closedUntil - now, (1 - lane.tokens) * msPerToken, 1);
    lane.timer = setTimeout(() => {
      lane.timer = null;
      this.pump(lane);
    }, wait);
    lane.timer.unref();
  }
}

/** The Web API method and channel of an outgoing request, or nothing for anything else (a response_url). */
export function slackCallOf(url: string, body: unknown): { method: string; channel?: string } | null {
  const match = /\/api\/([a-zA-Z.]+)$/.exec(url.split('?')[0] ?? '');
  if (!match) return null;
  let channel: string | undefined;
  if (typeof body === 'string') {
    channel = body.trimStart().startsWith('{')
      ? (JSON.parse(body) as { channel?: string }).channel
      : (new URLSearchParams(body).get('channel') ?? undefined);
  } else if (body instanceof URLSearchParams) channel = body.get('channel') ?? undefined;
  return { method: match[1]!, channel };
}

/** `fetch` that paces Web API calls through `pacer` and tells it what Slack answered. */
export function pacedFetch(pacer: SlackPacer, inner: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call = slackCallOf(url, init.body);
    if (!call) return inner(input, init);
    await pacer.acquire(call.method, call.channel);
    // The caller gave up while we waited (the WebClient's own timeout): going now would spend a slot on an answer
    // nobody reads, and counting it as a failure would back every other caller off.
    if (init.signal?.aborted) throw init.signal.reason ?? new Error('aborted while paced');
    try {
      const response = await inner(input, init);
      const retryAfter = Number(response.headers.get('retry-after'));
      pacer.answered(call.method, {
        status: response.status,
        retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      });
      return response;
    } catch (error) {
      if (!init.signal?.aborted || (init.signal.reason as Error)?.name === 'TimeoutError')
        pacer.answered(call.method, { status: 0 });
      throw error;
    }
  };
}
