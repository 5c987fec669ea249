import { RateLimiter, SLACK_RATE_LIMITS, type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe("Slack's rate limits", () => {
  it('lets a channel take a short burst of posts, then one a second; other channels have their own allowance', () => {
    let now = 0;
    const limiter = new RateLimiter(SLACK_RATE_LIMITS, () => now);
    const post = (channel: string) => limiter.take('chat.postMessage', { channel });
    const burst = Array.from({ length: SLACK_RATE_LIMITS.postMessagePerChannel.burst }, () => post('C1'));
    expect(burst.every((retryAfter) => retryAfter === null)).toBe(true);
    expect(post('C1')).toBe(1);
    expect(post('C2')).toBeNull();
    now += 1000;
    expect(post('C1')).toBeNull();
    expect(post('C1')).toBe(1);
  });

  it('limits a tiered method across channels: chat.update at Tier 3, about 50 a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(SLACK_RATE_LIMITS, () => now);
    const updates = Array.from({ length: 50 }, (_, index) => limiter.take('chat.update', { channel: `C${index}` }));
    expect(updates.every((retryAfter) => retryAfter === null)).toBe(true);
    expect(limiter.take('chat.update', { channel: 'C99' })).toBe(2);
    now += 1200;
    expect(limiter.take('chat.update', { channel: 'C99' })).toBeNull();
    expect(limiter.take('auth.test', {})).toBeNull();
  });

  describe('over HTTP', () => {
    let standIn: SlackStandIn;
    beforeAll(async () => {
      standIn = await startSlackStandIn({ rateLimits: SLACK_RATE_LIMITS });
    });
    afterAll(async () => standIn.close());

    it('answers a post over the limit 429 with Retry-After, posts nothing, and counts it', async () => {
      const client = new WebClient(standIn.botToken, {
        slackApiUrl: standIn.url,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      });
      const { burst } = SLACK_RATE_LIMITS.postMessagePerChannel;
      for (let index = 0; index < burst; index++)
        await client.chat.postMessage({ channel: 'C0ADVOCATE', text: `card ${index}` });
      const refused = await client.chat.postMessage({ channel: 'C0ADVOCATE', text: 'one too many' }).catch((e) => e);
      expect(refused.code).toBe(ErrorCode.RateLimitedError);
      expect(refused.retryAfter).toBe(1);
      expect(standIn.messagesIn('C0ADVOCATE').map((message) => message.text)).not.toContain('one too many');
      expect(standIn.rateLimitedCalls('chat.postMessage')).toHaveLength(1);
    });
  });
});
