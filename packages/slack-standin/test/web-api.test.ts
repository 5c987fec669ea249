import { isPng, type SlackStandIn, startSlackStandIn } from '@advocate/slack-standin';
import { ErrorCode, type Logger, LogLevel, type WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const SUPPORT = 'C0SUPPORT1';
const ADVOCATES = 'C0ADVOCATE';
const ALICE = 'U0AGENT001';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let standIn: SlackStandIn;
let client: WebClient;

// Rejections are what these tests are about; the client's own logging of them is noise.
const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function clientWith(token?: string): WebClient {
  return new WebClient(token, { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logger: quiet });
}

async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError;
  expect(error?.code).toBe(ErrorCode.PlatformError);
  return error.data;
}

beforeAll(async () => {
  standIn = await startSlackStandIn();
  client = clientWith(standIn.botToken);
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

describe('messages', () => {
  it('posts, threads and updates, keeping the latest version', async () => {
    const posted = await client.chat.postMessage({
      channel: ADVOCATES,
      text: 'card v1',
      blocks: [{ type: 'divider' }],
    });
    await client.chat.postMessage({ channel: ADVOCATES, thread_ts: posted.ts, text: 'claimed' });
    await client.chat.update({ channel: ADVOCATES, ts: posted.ts ?? '', text: 'card v2' });

    const [card] = standIn.messagesIn(ADVOCATES);
    expect(card).toMatchObject({ text: 'card v2', ts: posted.ts, bot_id: 'B0ADVOCBOT', reply_count: 1 });
    expect(card?.blocks).toEqual([{ type: 'divider', block_id: expect.any(String) }]);
    expect(standIn.threadOf(ADVOCATES, posted.ts ?? '').map((m) => m.text)).toEqual(['claimed']);
    expect(standIn.callsTo('chat.update')).toHaveLength(1);
  });

  it('hands out increasing ts values and thread-aware permalinks', async () => {
    const a = await client.chat.postMessage({ channel: ADVOCATES, text: 'a' });
    const b = await client.chat.postMessage({ channel: ADVOCATES, text: 'b', thread_ts: a.ts });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    const link = await client.chat.getPermalink({ channel: ADVOCATES, message_ts: b.ts ?? '' });
    expect(link.permalink).toBe(
      `https://standin.slack.com/archives/${ADVOCATES}/p${b.ts?.replace('.', '')}?thread_ts=${a.ts}&cid=${ADVOCATES}`,
    );
  });

  it("refuses to update a message that is not the app's, or does not exist", async () => {
    expect((await slackError(client.chat.update({ channel: ADVOCATES, ts: '1.000001', text: 'x' }))).error).toBe(
      'message_not_found',
    );
  });

  it('posts to a user id in the DM with the app', async () => {
    const res = await client.chat.postMessage({ channel: ALICE, text: 'your escalation was claimed' });
    expect(res.channel).toMatch(/^D/);
    expect(standIn.messagesIn(res.channel ?? '')[0]?.text).toBe('your escalation was claimed');
  });

  it('needs the bot in the channel until it joins', async () => {
    expect((await slackError(client.chat.postMessage({ channel: SUPPORT, text: 'hi' }))).error).toBe('not_in_channel');
    await client.conversations.join({ channel: SUPPORT });
    await expect(client.chat.postMessage({ channel: SUPPORT, text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('shows ephemerals only to members', async () => {
    await client.chat.postEphemeral({ channel: ADVOCATES, user: 'U0ADVOC001', text: 'only you' });
    expect(standIn.ephemeralsFor('U0ADVOC001').map((e) => e.text)).toEqual(['only you']);
    const data = await slackError(client.chat.postEphemeral({ channel: ADVOCATES, user: ALICE, text: 'x' }));
    expect(data.error).toBe('user_not_in_channel');
  });

  it('rejects empty and overlong messages', async () => {
    expect((await slackError(client.chat.postMessage({ channel: ADVOCATES, text: '' }))).error).toBe('no_text');
    const long = 'x'.repeat(40001);
    expect((await slackError(client.chat.postMessage({ channel: ADVOCATES, text: long }))).error).toBe('msg_too_long');
  });
});

describe('Block Kit', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const button = (id: string) => ({ type: 'button', action_id: id, text: { type: 'plain_text', text: 'Go' } });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'no more than 50 items allowed'],
    ['a 3001-char section', [section('x'.repeat(3001))], 'must be less than 3001 characters'],
    ['a 151-char header', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], '151'],
    ['a duplicate action_id', [{ type: 'actions', elements: [button('claim'), button('claim')] }], 'already exists'],
  ])('rejects %s with invalid_blocks', async (_name, blocks, finding) => {
    const data = await slackError(client.chat.postMessage({ channel: ADVOCATES, text: 'x', blocks }));
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages?.[0]).toMatch(/^\[ERROR\] .*\[json-pointer:\/blocks.*\]$/);
    expect(data.response_metadata?.messages?.[0]).toContain(finding);
    expect(standIn.messagesIn(ADVOCATES)).toHaveLength(0);
  });
});

describe('auth', () => {
  it('answers not_authed without a token and invalid_auth with a wrong one', async () => {
    expect((await slackError(clientWith().auth.test())).error).toBe('not_authed');
    expect((await slackError(clientWith('xoxb-wrong').auth.test())).error).toBe('invalid_auth');
    await expect(client.auth.test()).resolves.toMatchObject({ user_id: 'U0ADVOCBOT', bot_id: 'B0ADVOCBOT' });
  });

  it('answers unknown_method for methods it does not model', async () => {
    expect((await slackError(client.apiCall('chat.frobnicate'))).error).toBe('unknown_method');
  });
});

describe('directory', () => {
  it('pages channel members with a cursor', async () => {
    const first = await client.conversations.members({ channel: SUPPORT, limit: 3 });
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(cursor).not.toBe('');
    const second = await client.conversations.members({ channel: SUPPORT, limit: 3, cursor });
    expect([...(first.members ?? []), ...(second.members ?? [])]).toEqual([
      ALICE,
      'U0AGENT002',
      'U0ADVOC001',
      'U0ADVOC002',
      'U0BYSTAND1',
      'U0GUEST001',
    ]);
    expect(second.response_metadata?.next_cursor).toBe('');
  });

  it('knows users and usergroups', async () => {
    expect((await client.users.info({ user: ALICE })).user?.real_name).toBe('Alice Agent');
    expect((await client.usergroups.users.list({ usergroup: 'S0ADVOCATE' })).users).toHaveLength(2);
    expect((await slackError(client.users.info({ user: 'U0NOBODY00' }))).error).toBe('user_not_found');
  });
});

describe('files', () => {
  it('takes a filesUploadV2 round trip and shares the PNG in a thread', async () => {
    const parent = await client.chat.postMessage({ channel: ADVOCATES, text: 'digest' });
    await client.filesUploadV2({
      channel_id: ADVOCATES,
      thread_ts: parent.ts ?? '',
      file: PNG,
      filename: 'nps.png',
      initial_comment: 'chart',
    });
    const [file] = standIn.files();
    expect(file?.bytes && isPng(file.bytes)).toBe(true);
    const [reply] = standIn.threadOf(ADVOCATES, parent.ts ?? '');
    expect(reply).toMatchObject({ text: 'chart', files: [{ id: file?.id, mimetype: 'image/png' }] });
  });
});

describe('fault injection', () => {
  it('surfaces a 500 as an HTTP error', async () => {
    standIn.failNext('chat.postMessage', { status: 500 });
    await expect(client.chat.postMessage({ channel: ADVOCATES, text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(client.chat.postMessage({ channel: ADVOCATES, text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('rate-limits with Retry-After', async () => {
    standIn.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const options = { slackApiUrl: standIn.url, rejectRateLimitedCalls: true, logger: quiet };
    const limited = new WebClient(standIn.botToken, options);
    await expect(limited.chat.postMessage({ channel: ADVOCATES, text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('answers with a Slack error, or slowly', async () => {
    standIn.failNext('chat.postMessage', { error: 'not_in_channel' });
    standIn.failNext('auth.test', { delayMs: 150 });
    expect((await slackError(client.chat.postMessage({ channel: ADVOCATES, text: 'x' }))).error).toBe('not_in_channel');
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
