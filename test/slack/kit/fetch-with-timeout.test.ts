import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithTimeout } from '../../../src/slack/kit/fetch-with-timeout';
import { Channels, People, startTestApp, type TTestApp } from '../../support/app-harness';

describe('outgoing calls', () => {
  let silent: Server;
  beforeAll(async () => {
    // Accepts the request and never answers, like a peer behind a dead proxy.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('give up on a peer that never answers', async () => {
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    await expect(fetchWithTimeout(300)(url, { method: 'POST', body: '{}' })).rejects.toThrow(/timeout|aborted/i);
  });

  it("keep a caller's own signal", async () => {
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const controller = new AbortController();
    const call = fetchWithTimeout(60_000)(url, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
  });
});

describe('answering through the response_url when Slack hangs', () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('gives up after its timeout instead of holding the work (and shutdown) forever', async () => {
    t.slack.failNext('response_url', { delayMs: 120_000 });
    const ack = await t.slack.runSlashCommand(People.agent, Channels.support, 'list');
    expect(ack?.status).toBe(200);
    const started = Date.now();
    await t.settle();
    // Bolt's respond() sets no timeout of its own: without ours this waited the stand-in's full two minutes.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
