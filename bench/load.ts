import { eventCallbackBody, reactionAddedEvent, signSlackRequest, slashCommandBody } from '@advocate/slack-standin';

export interface TLoadResult {
  requests: number;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  errors: number;
}

interface TFlagTarget {
  url: string;
  signingSecret: string;
  /** Where the app answers the agent; `index` lets the bench tell one flag's answer from another's. */
  responseUrl: string | ((index: number) => string);
  /** Who flags; one agent unless given. */
  userId?: (index: number) => string;
}

/** One signed `/advocate` command, as Slack sends it; resolves with the time to the answer and its status. */
async function sendFlag(
  target: TFlagTarget,
  text: string,
  triggerId: string,
  index: number,
): Promise<{ ms: number; ok: boolean }> {
  const body = slashCommandBody({
    command: '/advocate',
    text,
    userId: target.userId?.(index) ?? 'U0AGENT001',
    userName: 'alice',
    channelId: 'C0SUPPORT1',
    channelName: 'support',
    responseUrl: typeof target.responseUrl === 'string' ? target.responseUrl : target.responseUrl(index),
    triggerId,
  });
  const sent = performance.now();
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signSlackRequest(target.signingSecret, body) },
    body,
  });
  await response.arrayBuffer();
  return { ms: performance.now() - sent, ok: response.status === 200 };
}

/** Latency percentiles and throughput of one run that started at `started` (performance.now()). */
function summarize(latencies: number[], errors: number, started: number): Omit<TLoadResult, 'concurrency'> {
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    requests: latencies.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    errors,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Sends `requests` signed `/advocate` commands over `concurrency` connections and times each answer. */
export async function runLoad(options: {
  url: string;
  signingSecret: string;
  requests: number;
  concurrency: number;
  text: (index: number) => string;
  /** Where the app answers the agent; a sink in the bench process. */
  responseUrl: TFlagTarget['responseUrl'];
}): Promise<TLoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.requests) {
      const index = next++;
      const { ms, ok } = await sendFlag(options, options.text(index), `bench.${index}`, index);
      latencies.push(ms);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...summarize(latencies, errors, started), concurrency: options.concurrency };
}

/**
 * Open loop: requests leave at a fixed rate whatever the answers, as agents type independently of each other, so
 * the latency includes any queueing behind the app's own background work.
 */
export async function runAtRate(options: {
  url: string;
  signingSecret: string;
  requests: number;
  perSecond: number;
  text: (index: number) => string;
  responseUrl: TFlagTarget['responseUrl'];
  userId?: TFlagTarget['userId'];
  /** Called with each flag's index and the moment its ack arrived (performance.now()). */
  onAck?: (index: number, at: number) => void;
}): Promise<TLoadResult & { perSecond: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < options.requests; index++) {
    const due = started + (index * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      sendFlag(options, options.text(index), `bench.rate.${index}`, index).then(({ ms, ok }) => {
        options.onAck?.(index, performance.now());
        latencies.push(ms);
        if (!ok) errors++;
      }),
    );
  }
  await Promise.all(inFlight);
  return { ...summarize(latencies, errors, started), concurrency: 0, perSecond: options.perSecond };
}

/** Sends one signed `reaction_added` per card over `concurrency` connections, as Slack's Events API does. */
export async function runReactions(options: {
  url: string;
  signingSecret: string;
  cards: { channel: string; ts: string }[];
  user: string;
  reaction: string;
  concurrency: number;
}): Promise<TLoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.cards.length) {
      const card = options.cards[next++]!;
      const body = eventCallbackBody({
        event: reactionAddedEvent({
          user: options.user,
          reaction: options.reaction,
          channel: card.channel,
          ts: card.ts,
        }),
      });
      const sent = performance.now();
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signSlackRequest(options.signingSecret, body) },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...summarize(latencies, errors, started), concurrency: options.concurrency };
}
