import type { Logger, LogLevel } from '@slack/logger';
import type { TLogLevel } from './config';

const ORDER: Record<TLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

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
      const text = messages
        .map((message) =>
          message instanceof Error
            ? (message.stack ?? message.message)
            : typeof message === 'string'
              ? message
              : JSON.stringify(message),
        )
        .join(' ');
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
