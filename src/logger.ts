import type { Logger, LogLevel } from '@slack/logger';
import type { TLogLevel } from './config';
import { maskDatabaseUrls, oneLineError } from './core/shared/db/database-errors';

const ORDER: Record<TLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Prisma and its driver adapters: their messages embed a code frame of our source, so they are logged as one line. */
const isDatabaseError = (error: Error) =>
  /^PrismaClient|^DriverAdapterError$/.test(error.name) || /^PrismaClient/.test(error.constructor?.name ?? '');

export function describeForLog(message: unknown): string {
  if (message instanceof Error)
    return isDatabaseError(message) ? oneLineError(message) : (message.stack ?? message.message);
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return String(message);
  }
}

/**
 * No secret in a log line, whatever logged it (Bolt logs whole request bodies at debug): Slack tokens, the legacy
 * verification `token` field of a payload, and the password of a database URL become `***`.
 */
export function redactSecrets(line: string): string {
  return maskDatabaseUrls(line)
    .replace(/\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g, (token) => `${token.slice(0, 5)}***`)
    .replace(/("token"\s*:\s*")[^"]*"/g, '$1***"')
    .replace(/([?&]token=)[^&\s]+/g, '$1***');
}

/** One logger for us and Bolt: plain lines on stderr, filtered by LOG_LEVEL. */
export function createLogger(
  level: TLogLevel,
  name = 'advocate',
  write = (line: string) => process.stderr.write(`${line}\n`),
): Logger {
  let current: TLogLevel = level;
  let currentName = name;
  const log =
    (at: TLogLevel) =>
    (...messages: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      const text = redactSecrets(messages.map(describeForLog).join(' '));
      write(`${new Date().toISOString()} ${at.toUpperCase()} [${currentName}] ${text}`);
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (next: LogLevel) => {
      current = next as TLogLevel;
    },
    getLevel: () => current as LogLevel,
    setName: (next: string) => {
      currentName = next;
    },
  };
}

export type { Logger };
