import { existsSync } from 'node:fs';
import { z } from 'zod';
import { BusinessHoursError, parseBusinessHours } from './core/escalations/business-hours';
import { SEVERITIES } from './core/escalations/escalation-vocabulary';
import { parseTierPolicy, SlaPolicyError, type TSlaPolicy } from './core/escalations/sla-policy';
import { maskDatabaseUrls } from './core/shared/db/database-errors';
import type { TStormSettings } from './core/storms/storm-rule';

/** Thrown for a missing or malformed variable; main prints its message as one line and exits 1. */
export class ConfigError extends Error {}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.prefault(fallback as never));

const cronExpression = z.string().regex(/^\S+(\s+\S+){4,5}$/, 'a cron expression with 5 fields, e.g. "0 9 * * 1-5"');

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as "UTC" or "America/New_York"');

const slaHours = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a number of hours, e.g. "4" or "0.5"')
  .transform(Number)
  .refine((hours) => hours > 0, 'a positive number of hours');

const seconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a number of seconds, e.g. "10"')
  .transform(Number)
  .refine((value) => value > 0, 'a positive number of seconds');

/** `30,90`: days after a theme's resolution at which its outcome is checked; decimals allowed (`0.001`). */
const outcomeCheckDays = z
  .string()
  .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'comma-separated numbers of days, e.g. "30,90" or "0.001"')
  .transform((list) => [...new Set(list.split(',').map((day) => Number(day.trim())))].sort((a, b) => a - b))
  .refine((list) => list.every((day) => day > 0), 'positive numbers of days, e.g. "30,90"');

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'a bot token starting with "xoxb-"')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'the signing secret from your app\'s "Basic Information" page')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'an app-level token starting with "xapp-"')),
  SLACK_API_URL: withDefault(
    z.url('a URL such as "https://slack.com/api/"').transform((url) => (url.endsWith('/') ? url : `${url}/`)),
    'https://slack.com/api/',
  ),
  DATABASE_URL: withDefault(
    z.string().regex(/^(file:|postgres(ql)?:\/\/)/, '"file:./data/advocate.db" or "postgresql://user@host:5432/db"'),
    'file:./data/advocate.db',
  ),
  PORT: withDefault(
    z.coerce
      .number({ error: 'a port number from 0 to 65535' })
      .int('a port number from 0 to 65535')
      .min(0, 'a port number from 0 to 65535')
      .max(65535, 'a port number from 0 to 65535'),
    3000,
  ),
  ADVOCATE_CHANNEL_ID: optional(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel ID such as "C0123ABCD"')),
  ADVOCATE_USERGROUP_ID: optional(z.string().regex(/^S[A-Z0-9]{2,}$/, 'a user group ID such as "S0123ABCD"')),
  DIGEST_TZ: withDefault(timeZone, 'UTC'),
  OPEN_DIGEST_CRON: withDefault(cronExpression, '0 9 * * 1-5'),
  NPS_DIGEST_CRON: withDefault(cronExpression, '0 9 * * 1'),
  SURVEY_WEBHOOK_TOKEN: optional(z.string().min(16, 'a secret of at least 16 characters')),
  GITHUB_WEBHOOK_SECRET: optional(
    z.string().min(16, 'a secret of at least 16 characters (the GitHub webhook\'s "Secret")'),
  ),
  JIRA_WEBHOOK_SECRET: optional(
    z.string().min(16, 'a secret of at least 16 characters (the Jira webhook\'s "Secret")'),
  ),
  LOG_LEVEL: withDefault(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  SKIP_DB_MIGRATION: withDefault(z.enum(['0', '1', 'true', 'false']), '0'),
  SLA_CRITICAL_HOURS: withDefault(slaHours, '1'),
  SLA_HIGH_HOURS: withDefault(slaHours, '4'),
  SLA_MEDIUM_HOURS: withDefault(slaHours, '24'),
  SLA_LOW_HOURS: withDefault(slaHours, '72'),
  SLA_RESOLVE_CRITICAL_HOURS: withDefault(slaHours, '8'),
  SLA_RESOLVE_HIGH_HOURS: withDefault(slaHours, '24'),
  SLA_RESOLVE_MEDIUM_HOURS: withDefault(slaHours, '72'),
  SLA_RESOLVE_LOW_HOURS: withDefault(slaHours, '168'),
  SLA_TIER_POLICY: withDefault(z.string(), ''),
  BUSINESS_HOURS: withDefault(z.string(), 'always'),
  HOLIDAYS: withDefault(z.string(), ''),
  SLA_AROUND_THE_CLOCK: withDefault(
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((word) => word.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (words) => words.every((word) => (SEVERITIES as readonly string[]).includes(word)) || words.join() === 'none',
        `comma-separated severities (${SEVERITIES.join(', ')}), or "none"`,
      ),
    'critical',
  ),
  SLA_WARN_FRACTION: withDefault(
    z
      .string()
      .regex(/^0?\.\d+$|^1(\.0+)?$/, 'a fraction of the target from 0 to 1, e.g. "0.75"')
      .transform(Number)
      .refine((value) => value > 0 && value < 1, 'a fraction above 0 and below 1, e.g. "0.75"'),
    '0.75',
  ),
  SLA_BREACH_CHANNEL_ID: optional(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel ID such as "C0123ABCD"')),
  ADVOCATE_LEADS_USERGROUP_ID: optional(z.string().regex(/^S[A-Z0-9]{2,}$/, 'a user group ID such as "S0123ABCD"')),
  OUTCOME_CHECK_DAYS: withDefault(outcomeCheckDays, '30,90'),
  SANDBOX_DATABASE_URL: withDefault(z.string().regex(/^(file:|postgres(ql)?:\/\/)/), 'file:./data/sandbox.db'),
  DRY_RUN: withDefault(z.enum(['0', '1', 'true', 'false']), '0'),
  HEALTH_PROBE_INTERVAL_SECONDS: withDefault(seconds, '10'),
  HEALTH_PROBE_FAILURES_TO_EXIT: withDefault(z.coerce.number().int('a whole number, e.g. "3"').min(0), 3),
  SHUTDOWN_TIMEOUT_SECONDS: withDefault(seconds, '20'),
  ACCOUNT_TIERS: withDefault(
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((tier) => tier.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (tiers) => tiers.length > 0 && tiers.every((tier) => /^[a-z0-9][a-z0-9_-]{0,29}$/.test(tier)),
        'tier words from highest to lowest, comma-separated, e.g. "enterprise,growth,starter"',
      )
      .refine((tiers) => new Set(tiers).size === tiers.length, 'each tier once, e.g. "enterprise,growth,starter"'),
    'enterprise,growth,starter',
  ),
  RENEWAL_WINDOW_DAYS: withDefault(
    z.coerce
      .number({ error: 'a whole number of days, e.g. "90"' })
      .int('a whole number of days, e.g. "90"')
      .min(1, 'a whole number of days, at least 1')
      .max(730, 'at most 730 days'),
    90,
  ),
  STORM_THRESHOLD: withDefault(z.coerce.number().int('a whole number, e.g. "10"').min(2, 'at least 2'), 10),
  STORM_WINDOW_MINUTES: withDefault(z.coerce.number().positive('a number of minutes above 0, e.g. "5"'), 5),
});

export type TLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface TConfig {
  mode: 'http' | 'socket' | 'sandbox';
  slack: {
    botToken?: string;
    signingSecret: string;
    appToken?: string;
    apiUrl: string;
    advocateChannelId: string;
    advocateUsergroupId?: string;
  };
  databaseUrl: string;
  port: number;
  digest: { timeZone: string; openCron: string; npsCron: string };
  /** Claim targets per severity (SLA_<SEVERITY>_HOURS); the same numbers as `sla.policy.bySeverity[s].claim`. */
  slaHours: Record<'critical' | 'high' | 'medium' | 'low', number>;
  /** The SLA policy, built once at start, and who hears about a breach. */
  sla: {
    policy: TSlaPolicy;
    /** At this fraction of a target a warning goes to the card's thread. */
    warnFraction: number;
    /** Where a breach is escalated (default: the advocate channel). */
    breachChannelId: string;
    /** Mentioned on a breach when set. */
    leadsUsergroupId?: string;
  };
  /** Days after a theme's resolution at which its outcome report is posted (OUTCOME_CHECK_DAYS), ascending. */
  outcomeCheckDays: number[];
  surveyWebhookToken?: string;
  /** Unset: that tracker's webhook answers 404. The generic `/webhooks/tickets` uses `surveyWebhookToken`. */
  ticketWebhooks: { githubSecret?: string; jiraSecret?: string };
  logLevel: TLogLevel;
  skipMigration: boolean;
  dryRun: boolean;
  /** The database watchdog: probe every `intervalMs`; exit after `failuresToExit` failures in a row (SQLite; 0: never). */
  healthProbe: { intervalMs: number; failuresToExit: number };
  /** SIGTERM exits within this even if the database or Slack hangs. */
  shutdownTimeoutMs: number;
  /** Account tiers from highest to lowest; how many days ahead a renewal counts as coming up. */
  accounts: { tiers: string[]; renewalWindowDays: number };
  /** `threshold` escalations flagged within `windowMs` open a storm; it closes after `windowMs` without a flag. */
  storm: TStormSettings;
}

/** The channel the sandbox's stand-in Slack calls #advocates. */
export const SANDBOX_ADVOCATE_CHANNEL_ID = 'C0ADVOCATE';
/** The stand-in's advocates' user group: its bystander reads #advocates but may not act, so permissions show. */
export const SANDBOX_ADVOCATE_USERGROUP_ID = 'S0ADVOCATE';
const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret-not-for-production';

/** The process environment, for entry points that hand it on (the import CLI passes it to its runner). */
/**
 * The process's environment, after `.env` in the working directory (or the file `ADVOCATE_ENV_FILE` names) has been
 * read into it, when there is one: a variable already set (by the shell, systemd, a container) wins over the file. A
 * missing file is fine: most deployments set the environment themselves.
 */
export function processEnvironment(): Record<string, string | undefined> {
  const file = process.env.ADVOCATE_ENV_FILE || '.env';
  if (existsSync(file)) process.loadEnvFile(file);
  return process.env;
}

/** Reads and validates the environment once. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): TConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = env[name];
    const shown =
      got === undefined || got === ''
        ? 'is not set'
        : `is "${name.includes('TOKEN') || name.includes('SECRET') ? '…' : maskDatabaseUrls(got)}"`;
    throw new ConfigError(`${name} ${shown}: expected ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  const e = parsed.data;
  const truthy = (flag: string) => flag === '1' || flag === 'true';
  const mode = !e.SLACK_BOT_TOKEN ? 'sandbox' : e.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is not set: expected the signing secret from your app\'s "Basic Information" page (required in HTTP mode)',
    );
  }
  if (mode !== 'sandbox' && !e.ADVOCATE_CHANNEL_ID) {
    throw new ConfigError(
      'ADVOCATE_CHANNEL_ID is not set: expected the ID of the advocate channel, such as "C0123ABCD"',
    );
  }
  return {
    mode,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? SANDBOX_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      advocateChannelId: e.ADVOCATE_CHANNEL_ID ?? SANDBOX_ADVOCATE_CHANNEL_ID,
      advocateUsergroupId: e.ADVOCATE_USERGROUP_ID ?? (mode === 'sandbox' ? SANDBOX_ADVOCATE_USERGROUP_ID : undefined),
    },
    databaseUrl: chooseDatabaseUrl(env, mode === 'sandbox', e),
    port: e.PORT,
    digest: { timeZone: e.DIGEST_TZ, openCron: e.OPEN_DIGEST_CRON, npsCron: e.NPS_DIGEST_CRON },
    slaHours: {
      critical: e.SLA_CRITICAL_HOURS,
      high: e.SLA_HIGH_HOURS,
      medium: e.SLA_MEDIUM_HOURS,
      low: e.SLA_LOW_HOURS,
    },
    sla: {
      policy: slaPolicyOf(e),
      warnFraction: e.SLA_WARN_FRACTION,
      breachChannelId: e.SLA_BREACH_CHANNEL_ID ?? e.ADVOCATE_CHANNEL_ID ?? SANDBOX_ADVOCATE_CHANNEL_ID,
      leadsUsergroupId: e.ADVOCATE_LEADS_USERGROUP_ID,
    },
    outcomeCheckDays: e.OUTCOME_CHECK_DAYS,
    surveyWebhookToken: e.SURVEY_WEBHOOK_TOKEN,
    ticketWebhooks: { githubSecret: e.GITHUB_WEBHOOK_SECRET, jiraSecret: e.JIRA_WEBHOOK_SECRET },
    logLevel: e.LOG_LEVEL,
    skipMigration: truthy(e.SKIP_DB_MIGRATION),
    dryRun: truthy(e.DRY_RUN),
    healthProbe: {
      intervalMs: e.HEALTH_PROBE_INTERVAL_SECONDS * 1000,
      failuresToExit: e.HEALTH_PROBE_FAILURES_TO_EXIT,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    accounts: { tiers: e.ACCOUNT_TIERS, renewalWindowDays: e.RENEWAL_WINDOW_DAYS },
    storm: { threshold: e.STORM_THRESHOLD, windowMs: e.STORM_WINDOW_MINUTES * 60_000 },
  };
}

/** The one rule for which database a process uses: the sandbox's own unless DATABASE_URL names one. */
/** The SLA policy from its variables; a bad part is named in a one-line ConfigError. */
function slaPolicyOf(e: z.infer<typeof envSchema>): TSlaPolicy {
  let calendar: TSlaPolicy['calendar'];
  try {
    calendar = parseBusinessHours(e.BUSINESS_HOURS, e.HOLIDAYS, e.DIGEST_TZ);
  } catch (error) {
    if (!(error instanceof BusinessHoursError)) throw error;
    const name = error.message.startsWith('holiday') ? 'HOLIDAYS' : 'BUSINESS_HOURS';
    throw new ConfigError(`${name}: ${error.message}`);
  }
  let byTier: TSlaPolicy['byTier'];
  try {
    byTier = parseTierPolicy(e.SLA_TIER_POLICY, e.ACCOUNT_TIERS);
  } catch (error) {
    if (!(error instanceof SlaPolicyError)) throw error;
    throw new ConfigError(`SLA_TIER_POLICY: ${error.message}`);
  }
  return {
    bySeverity: {
      critical: { claim: e.SLA_CRITICAL_HOURS, resolve: e.SLA_RESOLVE_CRITICAL_HOURS },
      high: { claim: e.SLA_HIGH_HOURS, resolve: e.SLA_RESOLVE_HIGH_HOURS },
      medium: { claim: e.SLA_MEDIUM_HOURS, resolve: e.SLA_RESOLVE_MEDIUM_HOURS },
      low: { claim: e.SLA_LOW_HOURS, resolve: e.SLA_RESOLVE_LOW_HOURS },
    },
    byTier,
    aroundTheClock: new Set(SEVERITIES.filter((severity) => e.SLA_AROUND_THE_CLOCK.includes(severity))),
    calendar,
  };
}

function chooseDatabaseUrl(
  env: Record<string, string | undefined>,
  sandbox: boolean,
  parsed: { DATABASE_URL: string; SANDBOX_DATABASE_URL: string },
): string {
  const explicitDatabase = blankToUndefined(env.DATABASE_URL) !== undefined;
  return sandbox && !explicitDatabase ? parsed.SANDBOX_DATABASE_URL : parsed.DATABASE_URL;
}

/**
 * For tools that only touch the database (`npm run db:migrate`, imports, digests): the database `npm start` would
 * use with this environment — `SANDBOX_DATABASE_URL` (default `data/sandbox.db`) when there is no
 * `SLACK_BOT_TOKEN` and no `DATABASE_URL`, else `DATABASE_URL` or its default. Only the variables that choose the
 * database are validated, so a tool runs without the Slack settings a server needs.
 */
export function loadDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const pick = z.object({
    SLACK_BOT_TOKEN: envSchema.shape.SLACK_BOT_TOKEN,
    DATABASE_URL: envSchema.shape.DATABASE_URL,
    SANDBOX_DATABASE_URL: envSchema.shape.SANDBOX_DATABASE_URL,
  });
  const parsed = pick.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = env[name];
    throw new ConfigError(
      `${name} is "${name.includes('TOKEN') ? '…' : maskDatabaseUrls(got ?? '')}": expected ${issue.message}`,
    );
  }
  return chooseDatabaseUrl(env, !parsed.data.SLACK_BOT_TOKEN, parsed.data);
}

/**
 * For the CRM import: the tiers it validates against, and the Slack token and API to resolve owner emails with
 * (none: emails stay text). Only these variables are validated.
 */
export function loadImportAccountSettings(env: Record<string, string | undefined> = process.env): {
  tiers: string[];
  slack?: { botToken: string; apiUrl: string };
} {
  const pick = z.object({
    ACCOUNT_TIERS: envSchema.shape.ACCOUNT_TIERS,
    SLACK_BOT_TOKEN: envSchema.shape.SLACK_BOT_TOKEN,
    SLACK_API_URL: envSchema.shape.SLACK_API_URL,
  });
  const parsed = pick.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(
      `${name} is "${name.includes('TOKEN') ? '…' : (env[name] ?? '')}": expected ${issue.message}`,
    );
  }
  const e = parsed.data;
  return {
    tiers: e.ACCOUNT_TIERS,
    ...(e.SLACK_BOT_TOKEN ? { slack: { botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL } } : {}),
  };
}

/** A database URL as a person may see it: a file path as written, a server URL without its password. */
export function describeDatabase(url: string): string {
  if (url.startsWith('file:')) return `SQLite ${url.slice('file:'.length)}`;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return `PostgreSQL ${parsed.toString()}`;
  } catch {
    return 'PostgreSQL (unparseable URL)';
  }
}
