import { loadConfig } from '../../src/config';
import type { TClock } from '../../src/core/shared/clock';
import type { TProvider } from '../../src/core/shared/db/provider';
import { createLogger } from '../../src/logger';
import { startSandbox, type TRunningSandbox } from '../../src/sandbox/start-sandbox';
import { createTestDatabase, type TTestDatabase } from '../support/databases';

export const People = {
  alice: 'U0AGENT001',
  erin: 'U0AGENT002',
  bob: 'U0ADVOC001',
  carol: 'U0ADVOC002',
  dave: 'U0BYSTAND1',
  frank: 'U0GUEST001',
} as const;
export const Channels = { support: 'C0SUPPORT1', advocates: 'C0ADVOCATE' } as const;

export interface TTestSandbox {
  sandbox: TRunningSandbox;
  database: TTestDatabase;
  /** `http://127.0.0.1:<port>` */
  url: string;
  get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }>;
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** Waits for everything the app acknowledged to finish (cards posted, threads told). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Sandbox mode exactly as `npm start` runs it without Slack variables, on a fresh database and a free port. */
export async function startTestSandbox(
  provider: TProvider,
  options: { env?: Record<string, string>; clock?: TClock; database?: TTestDatabase } = {},
): Promise<TTestSandbox> {
  const database = options.database ?? (await createTestDatabase(provider));
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: process.env.ADVOCATE_TEST_LOG_LEVEL ?? 'error',
    ...options.env,
  });
  const sandbox = await startSandbox(config, {
    // Slack's limits on a clock twenty times as fast, as in the other integration tests.
    slackSpeed: 20,
    logger: createLogger(config.logLevel),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const url = sandbox.url;
  const json = async <T>(response: Response) => ({ status: response.status, body: (await response.json()) as T });
  return {
    sandbox,
    database,
    url,
    get: async (path) => json(await fetch(`${url}${path}`)),
    post: async (path, body) =>
      json(
        await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    async settle() {
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await sandbox.idle();
      }
    },
    async stop() {
      await sandbox.stop();
      if (!options.database) await database.drop();
    },
  };
}
