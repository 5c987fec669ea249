import { signSlackRequest } from '@advocate/slack-standin';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';

function verify(secret: string, body: string, headers: ReturnType<typeof signSlackRequest>): void {
  verifySlackRequest({
    signingSecret: secret,
    body,
    headers: {
      'x-slack-signature': headers['X-Slack-Signature'],
      'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
    },
  });
}

describe('signSlackRequest', () => {
  const body = 'token=x&command=%2Fadvocate&text=hello';

  it("passes Bolt's own verification", () => {
    expect(() => verify('s3cret', body, signSlackRequest('s3cret', body))).not.toThrow();
  });

  it('matches the v0 scheme for a fixed timestamp', () => {
    const headers = signSlackRequest('s3cret', body, 1_700_000_000);
    expect(headers['X-Slack-Request-Timestamp']).toBe('1700000000');
    expect(headers['X-Slack-Signature']).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it('fails verification for another secret, a changed body or a stale timestamp', () => {
    expect(() => verify('other', body, signSlackRequest('s3cret', body))).toThrow(/signature mismatch/);
    expect(() => verify('s3cret', `${body}!`, signSlackRequest('s3cret', body))).toThrow(/signature mismatch/);
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect(() => verify('s3cret', body, signSlackRequest('s3cret', body, stale))).toThrow(/stale/);
  });
});
