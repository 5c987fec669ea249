import { describe, expect, it } from 'vitest';
import { startAdvocate } from '../../src/app/start-advocate';
import { loadConfig } from '../../src/config';

describe('sandbox configuration', () => {
  it('makes the stand-in’s advocates group the advocates, so its bystander sees permissions at work', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.slack.advocateChannelId).toBe('C0ADVOCATE');
    expect(config.slack.advocateUsergroupId).toBe('S0ADVOCATE');
    expect(loadConfig({ ADVOCATE_USERGROUP_ID: 'S0OTHER01' }).slack.advocateUsergroupId).toBe('S0OTHER01');
  });

  it('leaves the user group unset outside the sandbox unless it is given', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret-secret',
      ADVOCATE_CHANNEL_ID: 'C0123ABCD',
    });
    expect(config.mode).toBe('http');
    expect(config.slack.advocateUsergroupId).toBeUndefined();
  });

  it('never starts sandbox mode against SLACK_API_URL: only through the stand-in', async () => {
    const config = loadConfig({ SLACK_API_URL: 'https://slack.example.com/api/' });
    await expect(startAdvocate(config, {})).rejects.toThrow('sandbox mode runs through startSandbox');
  });
});
