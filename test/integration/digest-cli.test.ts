import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSubscription } from '../../src/core/digests/subscriptions-repository';
import { Channels, People, SIGNING_SECRET, startTestApp, type TTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

describe.each(testProviders())('npm run digest on %s', (provider) => {
  let t: TTestApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(provider);
    env = {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: t.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: t.slack.url,
      DATABASE_URL: t.database.url,
      ADVOCATE_CHANNEL_ID: Channels.advocates,
      LOG_LEVEL: 'error',
    };
    await addSubscription(t.app.db.prisma, {
      channelId: Channels.support,
      kind: 'open',
      subscribedBy: People.agent,
      now: new Date(),
    });
  });
  afterAll(async () => t.stop());

  const digest = (...args: string[]) =>
    run(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/cli/digest.ts', ...args], { cwd: root, env });
  const posted = (channel: string) =>
    (t.slack.messagesIn(channel) as { text: string }[]).filter((message) => message.text.includes('open escalations'));

  it('prints the blocks with --dry-run and posts nothing', async () => {
    const { stdout } = await digest('open', '--dry-run');
    expect(stdout).toContain(`# open digest for ${Channels.advocates} (dry run, not posted)`);
    expect(stdout).toContain(`# open digest for ${Channels.support} (dry run, not posted)`);
    expect(stdout).toContain('":white_check_mark: No open escalations."');
    expect(posted(Channels.advocates)).toHaveLength(0);
    expect(await t.app.db.prisma.delivery.count()).toBe(0);
  });

  it('sends to every recipient now, and says how each went', async () => {
    const { stdout } = await digest('open');
    expect(stdout).toContain(`${Channels.advocates}: sent`);
    expect(stdout).toContain(`${Channels.support}: sent`);
    expect(posted(Channels.advocates)).toHaveLength(1);
    expect(posted(Channels.support)).toHaveLength(1);
  });

  it('refuses what it does not know with one line', async () => {
    await expect(digest('weekly')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('advocate: there is no "weekly" digest in this version (available: open, nps'),
    });
    await expect(digest('open', '--later')).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown option --later'),
    });
  });
});
