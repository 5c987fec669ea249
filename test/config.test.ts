import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig, loadDatabaseUrl } from '../src/config';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456', ADVOCATE_CHANNEL_ID: 'C0123ABCD' };
const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('applies the documented defaults and picks the mode from the tokens', () => {
    const config = loadConfig(http);
    expect(config).toMatchObject({
      mode: 'http',
      databaseUrl: 'file:./data/advocate.db',
      port: 3000,
      digest: { timeZone: 'UTC', openCron: '0 9 * * 1-5', npsCron: '0 9 * * 1' },
      slack: { apiUrl: 'https://slack.com/api/' },
      slaHours: { critical: 1, high: 4, medium: 24, low: 72 },
      logLevel: 'info',
    });
    expect(loadConfig({ ...http, SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    expect(loadConfig({}).mode).toBe('sandbox');
    expect(loadConfig({}).databaseUrl).toBe('file:./data/sandbox.db');
  });

  it('reads OUTCOME_CHECK_DAYS as ascending days, decimals allowed, and says what is wrong with a bad list', () => {
    expect(loadConfig(http).outcomeCheckDays).toEqual([30, 90]);
    expect(loadConfig({ ...http, OUTCOME_CHECK_DAYS: '0.001' }).outcomeCheckDays).toEqual([0.001]);
    expect(loadConfig({ ...http, OUTCOME_CHECK_DAYS: ' 90, 30 ,30' }).outcomeCheckDays).toEqual([30, 90]);
    expect(problem({ ...http, OUTCOME_CHECK_DAYS: '30 days' })).toBe(
      'OUTCOME_CHECK_DAYS is "30 days": expected comma-separated numbers of days, e.g. "30,90" or "0.001"',
    );
    expect(problem({ ...http, OUTCOME_CHECK_DAYS: '0,30' })).toMatch(
      /^OUTCOME_CHECK_DAYS is "0,30": expected positive/,
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...http, PORT: '', DIGEST_TZ: ' ', SLACK_APP_TOKEN: '' })).toMatchObject({
      port: 3000,
      mode: 'http',
    });
  });

  it('names the variable and what a good value looks like, in one line', () => {
    expect(problem({ ...http, PORT: 'eighty' })).toMatch(/^PORT is "eighty": expected /);
    expect(problem({ ...http, DIGEST_TZ: 'Mars/Olympus' })).toBe(
      'DIGEST_TZ is "Mars/Olympus": expected an IANA time zone such as "UTC" or "America/New_York"',
    );
    expect(problem({ ...http, DATABASE_URL: 'mysql://x' })).toMatch(/^DATABASE_URL is "mysql:\/\/x": expected "file:/);
    expect(problem({ ...http, OPEN_DIGEST_CRON: 'daily' })).toMatch(
      /^OPEN_DIGEST_CRON is "daily": expected a cron expression/,
    );
    expect(problem({ ...http, SLACK_BOT_TOKEN: 'xoxp-user' })).toBe(
      'SLACK_BOT_TOKEN is "…": expected a bot token starting with "xoxb-"',
    );
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', ADVOCATE_CHANNEL_ID: 'C0123ABCD' })).toMatch(
      /^SLACK_SIGNING_SECRET is not set/,
    );
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456' })).toMatch(
      /^ADVOCATE_CHANNEL_ID is not set/,
    );
    for (const message of [problem({ ...http, PORT: '99999' }), problem({ ...http, LOG_LEVEL: 'loud' })])
      expect(message).not.toContain('\n');
  });

  it('gives the command-line tools the database npm start would use, and shows it without a password', () => {
    for (const env of [
      {},
      { SANDBOX_DATABASE_URL: 'file:./data/other.db' },
      { DATABASE_URL: 'file:./x.db' },
      http,
      { ...http, DATABASE_URL: 'postgresql://u:p@h/db' },
    ])
      expect(loadDatabaseUrl(env)).toBe(loadConfig(env).databaseUrl);
    expect(loadDatabaseUrl({})).toBe('file:./data/sandbox.db');
    // A tool needs no Slack settings beyond the token that picks the mode.
    expect(loadDatabaseUrl({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe('file:./data/advocate.db');
    expect(() => loadDatabaseUrl({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL is "mysql:\/\/x": expected/);
    expect(describeDatabase('postgresql://advocate:s3cret@db:5432/adv')).toBe(
      'PostgreSQL postgresql://advocate:***@db:5432/adv',
    );
    expect(describeDatabase('file:./data/sandbox.db')).toBe('SQLite ./data/sandbox.db');
  });
});

describe('account settings', () => {
  it('reads ACCOUNT_TIERS highest first and RENEWAL_WINDOW_DAYS, with defaults', () => {
    expect(loadConfig({}).accounts).toEqual({ tiers: ['enterprise', 'growth', 'starter'], renewalWindowDays: 90 });
    expect(loadConfig({ ACCOUNT_TIERS: ' Platinum, gold ,silver', RENEWAL_WINDOW_DAYS: '120' }).accounts).toEqual({
      tiers: ['platinum', 'gold', 'silver'],
      renewalWindowDays: 120,
    });
  });

  it('names a bad tier list or window in one line', () => {
    expect(() => loadConfig({ ACCOUNT_TIERS: 'gold,gold' })).toThrow(
      new ConfigError('ACCOUNT_TIERS is "gold,gold": expected each tier once, e.g. "enterprise,growth,starter"'),
    );
    expect(() => loadConfig({ ACCOUNT_TIERS: 'top tier!' })).toThrow(
      /^ACCOUNT_TIERS is "top tier!": expected tier words/,
    );
    expect(() => loadConfig({ RENEWAL_WINDOW_DAYS: 'soon' })).toThrow(
      /^RENEWAL_WINDOW_DAYS is "soon": expected a whole number of days/,
    );
  });
});
