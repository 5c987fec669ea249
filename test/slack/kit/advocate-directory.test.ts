import { DEFAULT_SEED, type SlackStandIn, startSlackStandIn, type WorkspaceSeed } from '@advocate/slack-standin';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { AdvocateDirectory } from '../../../src/slack/kit/advocate-directory';
import { ADVOCATE_USERGROUP, Channels, People } from '../../support/app-harness';
import { ManualClock, minutes } from '../../support/clock';

// The directory against the Slack stand-in's Web API, through the same WebClient the app uses.

let slack: SlackStandIn | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function directory(options: { usergroup?: boolean; seed?: WorkspaceSeed } = {}) {
  slack = await startSlackStandIn(options.seed ? { seed: options.seed } : {});
  const client = new WebClient(slack.botToken, { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  const clock = new ManualClock();
  const advocates = new AdvocateDirectory({
    client,
    clock,
    channelId: Channels.advocates,
    ...(options.usergroup ? { usergroupId: ADVOCATE_USERGROUP } : {}),
  });
  return { advocates, clock, slack };
}

const lookups = (s: SlackStandIn) =>
  s.callsTo('usergroups.users.list').length + s.callsTo('conversations.members').length;

describe('who is an advocate', () => {
  it('is a member of the user group when one is configured, and the mention names the group', async () => {
    const { advocates } = await directory({ usergroup: true });
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
    expect(await advocates.isAdvocate(People.advocate2)).toBe(true);
    // The bystander reads the advocate channel but is not in the group.
    expect(await advocates.isAdvocate(People.bystander)).toBe(false);
    expect(await advocates.isAdvocate(People.agent)).toBe(false);
    expect(advocates.describe()).toBe(`members of <!subteam^${ADVOCATE_USERGROUP}>`);
    expect(advocates.mention()).toBe(`<!subteam^${ADVOCATE_USERGROUP}>`);
  });

  it('is a member of the advocate channel otherwise, and reminders mention @here', async () => {
    const { advocates } = await directory();
    expect(await advocates.isAdvocate(People.bystander)).toBe(true);
    expect(await advocates.isAdvocate(People.agent)).toBe(false);
    expect(advocates.describe()).toBe(`members of <#${Channels.advocates}>`);
    expect(advocates.mention()).toBe('<!here>');
  });

  it('reads every page of a large channel’s members', async () => {
    const crowd = Array.from({ length: 2_345 }, (_, i) => `U0CROWD${String(i).padStart(4, '0')}`);
    const seed: WorkspaceSeed = {
      ...DEFAULT_SEED,
      channels: DEFAULT_SEED.channels.map((channel) =>
        channel.id === Channels.advocates ? { ...channel, members: [...crowd, People.advocate] } : channel,
      ),
    };
    const { advocates, slack } = await directory({ seed });
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
    expect(await advocates.isAdvocate('U0CROWD1999')).toBe(true);
    expect(slack.callsTo('conversations.members')).toHaveLength(3);
  });

  it('asks Slack once for a burst of checks, and again once the cached list is a minute old', async () => {
    const { advocates, clock, slack } = await directory({ usergroup: true });
    await Promise.all([
      advocates.isAdvocate(People.advocate),
      advocates.isAdvocate(People.advocate2),
      advocates.isAdvocate(People.advocate),
    ]);
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
    expect(lookups(slack)).toBe(1);

    clock.advance(minutes(1) + 1);
    slack.ws.usergroups.set(ADVOCATE_USERGROUP, [People.advocate]);
    expect(await advocates.isAdvocate(People.advocate2)).toBe(false);
    expect(lookups(slack)).toBe(2);
  });

  it('sees someone just added to the group after a few seconds, without refreshing on every miss', async () => {
    const { advocates, clock, slack } = await directory({ usergroup: true });
    expect(await advocates.isAdvocate(People.bystander)).toBe(false);
    slack.ws.usergroups.get(ADVOCATE_USERGROUP)?.push(People.bystander);
    expect(await advocates.isAdvocate(People.bystander)).toBe(false);
    expect(lookups(slack)).toBe(1);
    clock.advance(6_000);
    expect(await advocates.isAdvocate(People.bystander)).toBe(true);
    expect(lookups(slack)).toBe(2);
  });

  it('fails closed when Slack refuses: nobody is taken for an advocate, the error says why, the next check asks again', async () => {
    const { advocates, slack } = await directory({ usergroup: true });
    slack.failNext('usergroups.users.list', { error: 'missing_scope' });
    await expect(advocates.isAdvocate(People.advocate)).rejects.toThrow(/missing_scope/);
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
    expect(lookups(slack)).toBe(2);
  });

  it('does not keep acting on a stale list when a refresh fails: it fails closed until Slack answers again', async () => {
    const { advocates, clock, slack } = await directory();
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
    clock.advance(minutes(2));
    slack.failNext('conversations.members', { status: 500 });
    await expect(advocates.isAdvocate(People.advocate)).rejects.toThrow();
    expect(await advocates.isAdvocate(People.advocate)).toBe(true);
  });
});
