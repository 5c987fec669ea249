import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  pacedFetch,
  SLACK_PACE,
  SlackPacer,
  SlackThrottled,
  slackCallOf,
  withSlackPriority,
} from '../../../src/slack/kit/slack-pacer';

describe('the Slack pacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `count` posts to `channel` and records when each was let through. */
  function post(pacer: SlackPacer, channel: string, count: number, log: string[], label = channel) {
    return Array.from({ length: count }, (_, index) =>
      pacer.acquire('chat.postMessage', channel).then(() => log.push(`${label}#${index}@${Date.now()}`)),
    );
  }

  it('lets a channel take a short burst, then one post a second, while another channel goes at once', async () => {
    const pacer = new SlackPacer({ now: () => Date.now() });
    const log: string[] = [];
    const advocates = post(pacer, 'C1', 6, log);
    const other = post(pacer, 'C2', 1, log);
    await vi.advanceTimersByTimeAsync(0);
    const { burst } = SLACK_PACE.postMessagePerChannel;
    expect(log).toEqual([...Array.from({ length: burst }, (_, index) => `C1#${index}@0`), 'C2#0@0']);
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all([...advocates, ...other]);
    expect(log.slice(-2)).toEqual(['C1#4@1000', 'C1#5@2000']);
  });

  it('serves what people must see first: interactive, then cards, then thread lines, then digests', async () => {
    const pacer = new SlackPacer({ now: () => Date.now() });
    const log: string[] = [];
    // Use up the burst so that the next four wait and are served by priority.
    await Promise.all(post(pacer, 'C1', SLACK_PACE.postMessagePerChannel.burst, []));
    const waiting = [
      withSlackPriority('digest', () => Promise.all(post(pacer, 'C1', 1, log, 'digest'))),
      withSlackPriority('thread', () => Promise.all(post(pacer, 'C1', 1, log, 'thread'))),
      withSlackPriority('card', () => Promise.all(post(pacer, 'C1', 1, log, 'card'))),
      Promise.all(post(pacer, 'C1', 1, log, 'confirmation')),
    ];
    await vi.advanceTimersByTimeAsync(4000);
    await Promise.all(waiting);
    expect(log.map((entry) => entry.split('#')[0])).toEqual(['confirmation', 'card', 'thread', 'digest']);
  });

  it("closes every channel's lane of a method for Slack's Retry-After", async () => {
    const pacer = new SlackPacer({ now: () => Date.now() });
    await pacer.acquire('chat.postMessage', 'C1');
    pacer.answered('chat.postMessage', { status: 429, retryAfterS: 5 });
    const log: string[] = [];
    const waiting = [...post(pacer, 'C1', 1, log), ...post(pacer, 'C2', 1, log)];
    await vi.advanceTimersByTimeAsync(4999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(waiting);
    expect(log).toEqual(['C1#0@5000', 'C2#0@5000']);
  });

  it('backs every caller off together while Slack fails, and opens again on the first success', async () => {
    const pacer = new SlackPacer({ now: () => Date.now() });
    await pacer.acquire('chat.update', undefined);
    pacer.answered('chat.update', { status: 500 });
    pacer.answered('chat.update', { status: 503 });
    const log: string[] = [];
    const waiting = pacer.acquire('chat.update', undefined).then(() => log.push(`update@${Date.now()}`));
    await vi.advanceTimersByTimeAsync(1999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    pacer.answered('chat.update', { status: 200 });
    pacer.answered('chat.update', { status: 500 });
    await vi.advanceTimersByTimeAsync(0);
    const next = pacer.acquire('chat.update', undefined).then(() => log.push(`again@${Date.now()}`));
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(log).toEqual(['update@2000', 'again@3000']);
  });

  it('refuses to queue a background call for longer than it may wait, saying how long the wait is', async () => {
    const pacer = new SlackPacer({ now: () => Date.now(), maxWaitMs: { card: 3000 } });
    await Promise.all(post(pacer, 'C1', SLACK_PACE.postMessagePerChannel.burst, []));
    const queued = withSlackPriority('card', () => Promise.all(post(pacer, 'C1', 3, [])));
    const refused = await withSlackPriority('card', () => pacer.acquire('chat.postMessage', 'C1')).catch((e) => e);
    expect(refused).toBeInstanceOf(SlackThrottled);
    expect(refused.waitMs).toBe(4000);
    await vi.advanceTimersByTimeAsync(3000);
    await queued;
  });

  it('reads the method and channel of Web API calls, and lets response_url posts through unpaced', async () => {
    expect(slackCallOf('https://slack.com/api/chat.postMessage', 'channel=C1&text=hi')).toEqual({
      method: 'chat.postMessage',
      channel: 'C1',
    });
    expect(slackCallOf('http://127.0.0.1:9/api/chat.update', '{"channel":"C2","ts":"1"}')).toEqual({
      method: 'chat.update',
      channel: 'C2',
    });
    expect(slackCallOf('https://hooks.slack.com/actions/T1/1/abc', '{}')).toBeNull();
    const pacer = new SlackPacer({ now: () => Date.now() });
    const answers = [new Response('{}', { status: 429, headers: { 'Retry-After': '3' } })];
    const paced = pacedFetch(pacer, async () => answers.shift() ?? new Response('{"ok":true}'));
    await paced('https://slack.com/api/chat.update', { method: 'POST', body: 'channel=C1' });
    const log: string[] = [];
    const next = paced('https://slack.com/api/chat.update', { method: 'POST', body: 'channel=C1' }).then(() =>
      log.push(`${Date.now()}`),
    );
    await vi.advanceTimersByTimeAsync(3000);
    await next;
    expect(log).toEqual(['3000']);
  });
});
