import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelJoinFailed, classifySlackError, mayHaveReachedSlack } from '../../../src/slack/kit/slack-errors';

/**
 * A fake Slack answering every call as told by its method name, `<answer>.call`: an ok:false answer with that error,
 * `throttled` a 429, `status<code>` that HTTP status, `silence` nothing at all.
 */
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = (request.url ?? '').split('/')[2]?.split('.')[0] ?? '';
    if (answer === 'silence') return; // never answers: the client times out
    if (answer === 'throttled') {
      response.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
      return response.end('{"ok":false,"error":"ratelimited"}');
    }
    if (answer.startsWith('status')) {
      response.writeHead(Number(answer.slice('status'.length)));
      return response.end('upstream trouble');
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: false, error: answer }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clientAt = (base: string) =>
  new WebClient('xoxb-test', {
    slackApiUrl: `${base}/api/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 300,
    logLevel: LogLevel.ERROR,
  });

/** The error a real WebClient throws for this answer. */
async function failureOf(answer: string, base = url) {
  const error = await clientAt(base)
    .apiCall(`${answer}.call`)
    .then(
      () => null,
      (thrown: unknown) => thrown,
    );
  expect(error).not.toBeNull();
  return classifySlackError(error);
}

describe('classifying Slack errors', () => {
  it.each([
    ['invalid_auth', 'permanent', false],
    ['channel_not_found', 'permanent', true],
    ['is_archived', 'permanent', true],
    ['msg_too_long', 'permanent', false],
    ['invalid_blocks', 'permanent', false],
    ['not_in_channel', 'not-in-channel', true],
    ['ratelimited', 'retry-later', false],
    ['fatal_error', 'retry-later', false],
  ] as const)('Slack answering %s is %s', async (answer, kind, channelUnreachable) => {
    expect(await failureOf(answer)).toMatchObject({ reason: answer, kind, channelUnreachable });
  });

  it('waits as long as a 429 asks', async () => {
    expect(await failureOf('throttled')).toMatchObject({
      reason: 'rate_limited',
      kind: 'retry-later',
      retryAfterMs: 7_000,
    });
  });

  it('treats a server error as possibly done, and a client error as not done', async () => {
    expect(await failureOf('status503')).toMatchObject({ reason: 'http_503', kind: 'ambiguous' });
    expect(await failureOf('status404')).toMatchObject({ reason: 'http_404', kind: 'retry-later' });
  });

  it('treats a timeout and an unreachable Slack as possibly done', async () => {
    expect(await failureOf('silence')).toMatchObject({ kind: 'ambiguous', permanent: false });
    expect(await failureOf('anything', 'http://127.0.0.1:1')).toMatchObject({
      reason: 'slack_unreachable',
      kind: 'ambiguous',
    });
  });

  it('judges a failed join by why joining failed, and the channel as unreachable', async () => {
    const joinError = await clientAt(url)
      .apiCall('method_not_supported_for_channel_type.call')
      .catch((error: unknown) => error);
    const failure = classifySlackError(new ChannelJoinFailed(joinError));
    expect(failure).toMatchObject({
      reason: 'method_not_supported_for_channel_type',
      kind: 'retry-later',
      channelUnreachable: true,
    });
  });

  it('judges a stored reason as the live error was judged', async () => {
    for (const answer of ['status502', 'silence', 'channel_not_found', 'throttled']) {
      const failure = await failureOf(answer);
      expect(mayHaveReachedSlack(failure.reason)).toBe(failure.kind === 'ambiguous');
    }
    expect(mayHaveReachedSlack(null)).toBe(false);
  });
});
