import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DiskFull, isDiskFull, withDeadline } from './database-errors';
import { PrismaClient as SqliteClient } from './generated/sqlite';
import { providerOf, sqliteFilePath, type TProvider } from './provider';
import { sqlOverAdapter, type TAdapterQueryable, type TDriverAdapter, type TSql } from './sql';
import { GuardedSqliteAdapter } from './sqlite-adapter';

/** PostgreSQL's driver and generated client (about 7 MB resident) load only for a postgres:// URL. */
const require = createRequire(import.meta.url);
const postgres = () => ({
  ...(require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg')),
  // The package's import map finds the generated client from src/ (tsx, tests) and from dist/ alike.
  ...(require('#db-generated/postgresql') as typeof import('./generated/postgresql')),
});

/** Both generated clients expose the same models; the SQLite one's type stands for either. */
export type TPrisma = SqliteClient;
export type TTransaction = Parameters<Parameters<TPrisma['$transaction']>[0]>[0];
/** A repository works the same on the client or inside a transaction. */
export type TDb = TPrisma | TTransaction;

/** Every SQL statement that reaches the driver, from Prisma or from the prepared hot paths. */
export interface TStatementCounter {
  count: number;
  /** Filled only while `recording` is true (tests list what one flag executes). */
  recorded: string[];
  recording: boolean;
}

export interface TDatabase {
  prisma: TPrisma;
  /** Prepared SQL for the hot paths, on the same connection and transaction lock as `prisma`. */
  sql: TSql;
  provider: TProvider;
  statements: TStatementCounter;
  /** Proves the database takes a write now (a heartbeat row in a transaction), or rejects within `deadlineMs`. */
  ping(deadlineMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Deadlines, so a database that hangs turns into an error instead of a request that never ends:
 * - every `$transaction` waits at most 5 s to start and runs at most 15 s, an import's or a sweep's (the unit of
 *   work's `long`) 10 s and 2 minutes;
 * - SQLite waits at most 250 ms for another process's write lock. better-sqlite3 waits synchronously: the whole
 *   event loop stands still meanwhile, once per queued write, so a longer wait under a held lock froze healthz and
 *   Slack's acks for many seconds (measured: 4–9 s at 1.5 s). Only another process (a CLI import, a sqlite3 shell)
 *   contends; the app's own writes are serialised by the adapter, and a refused write is answered "try again";
 * - PostgreSQL: 5 s to connect, 15 s per statement (server side) and 20 s per query (client side, for a server that
 *   stopped answering), idle connections closed after 30 s.
 */
export const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 };
export const LONG_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 120_000 };
export const SQLITE_BUSY_TIMEOUT_MS = 250;
export const POSTGRES_POOL_OPTIONS = {
  connectionTimeoutMillis: 5_000,
  statement_timeout: 15_000,
  query_timeout: 20_000,
  idleTimeoutMillis: 30_000,
};
export const PING_DEADLINE_MS = 2_000;
/** The job-lease row the health probe writes; no job is named so, so it never blocks one. */
export const HEARTBEAT_LEASE = 'healthz-heartbeat';

/** What the probe writes beside the SQLite file: more than one page of growth, far less than a real write burst. */
const SPACE_PROBE_BYTES = 64 * 1024;

/**
 * SQLite's own probe write rewrites one row in place, which fits in pages the file and its write-ahead log already
 * have: it succeeds on a full disk while every write that needs a new page fails with SQLITE_FULL. So the probe also
 * writes (and removes) a file of SPACE_PROBE_BYTES beside the database, as the same user on the same file system: a
 * write that needs new space.
 */
async function proveFreeSpace(databaseFile: string) {
  const probe = `${databaseFile}-healthz`;
  try {
    await writeFile(probe, Buffer.alloc(SPACE_PROBE_BYTES));
  } catch (error) {
    if (isDiskFull(error)) throw new DiskFull(`disk full: no room for new data beside ${databaseFile}`);
    throw error;
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

export interface TOpenDatabaseOptions {
  poolSize?: number;
  /** An idle pooled connection failed (the server restarted); the pool replaces it by itself. */
  onPoolError?: (error: Error) => void;
}

type TAdapterFactory = { provider: string; adapterName: string; connect(): Promise<unknown> };
type TScriptable = { executeScript(script: string): Promise<void> };

/**
 * The database file is in WAL mode (set by the migration runner). With `synchronous = NORMAL` a commit is durable
 * once it is in the WAL, which survives the process crashing; only an OS crash or power loss can lose the last
 * commits. FULL would sync the disk on every commit, which costs more than the rest of a flag (docs/performance.md).
 */
const SQLITE_CONNECTION_PRAGMAS = 'PRAGMA synchronous = NORMAL;';

/**
 * Wraps the adapter factory Prisma connects through, so that the prepared hot paths share Prisma's own adapter (one
 * SQLite connection and its transaction mutex; one PostgreSQL pool), and so that every statement is counted.
 */
function sharedAdapter(factory: TAdapterFactory, count: (sql: string) => void) {
  let connected: Promise<TDriverAdapter> | null = null;
  const countQueries = <T extends TAdapterQueryable>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (key === 'queryRaw' || key === 'executeRaw')
          return (query: { sql: string }) => {
            count(query.sql);
            return (value as (q: unknown) => Promise<unknown>).call(object, query);
          };
        if (key === 'startTransaction')
          return async (...args: unknown[]) =>
            countQueries(await (value as (...a: unknown[]) => Promise<TAdapterQueryable>).apply(object, args));
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  const connect = () => {
    connected ??= factory.connect().then(async (adapter) => {
      if (factory.provider === 'sqlite') await (adapter as TScriptable).executeScript(SQLITE_CONNECTION_PRAGMAS);
      return countQueries(adapter as TDriverAdapter);
    });
    return connected;
  };
  const wrapped = new Proxy(factory, {
    get(object, key, receiver) {
      if (key === 'connect') return connect;
      const value = Reflect.get(object, key, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
  return { wrapped, connect };
}

export function openDatabase(databaseUrl: string, options: TOpenDatabaseOptions = {}): TDatabase {
  const provider = providerOf(databaseUrl);
  const onPoolError = options.onPoolError ?? (() => {});
  const statements: TStatementCounter = { count: 0, recorded: [], recording: false };
  const count = (sql: string) => {
    statements.count++;
    if (statements.recording) statements.recorded.push(sql);
  };
  const sqliteFile = provider === 'sqlite' ? sqliteFilePath(databaseUrl) : null;
  const spaceProbeFile = sqliteFile && sqliteFile !== ':memory:' ? sqliteFile : null;
  const factory: TAdapterFactory =
    provider === 'sqlite'
      ? new GuardedSqliteAdapter({ url: sqliteFilePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS })
      : new (postgres().PrismaPg)(
          { connectionString: databaseUrl, max: options.poolSize ?? 10, ...POSTGRES_POOL_OPTIONS },
          // Without a listener, an idle client's error would be an unhandled 'error' event; the adapter listens
          // and hands it here.
          { onPoolError, onConnectionError: onPoolError },
        );
  const adapter = sharedAdapter(factory, count);
  const prisma =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: adapter.wrapped as never, transactionOptions: TRANSACTION_OPTIONS })
      : (new (postgres().PrismaClient)({
          adapter: adapter.wrapped as never,
          transactionOptions: TRANSACTION_OPTIONS,
        }) as unknown as TPrisma);
  const sql = sqlOverAdapter(provider, adapter.connect, count);
  return {
    prisma,
    sql,
    provider,
    statements,
    async ping(deadlineMs = PING_DEADLINE_MS) {
      // A write in a transaction: a read succeeds on a database that is full, locked or whose transactions hang.
      const probe = prisma.$transaction(
        (tx) =>
          tx.jobLease.upsert({
            where: { name: HEARTBEAT_LEASE },
            create: { name: HEARTBEAT_LEASE, holder: 'healthz', leaseUntil: new Date(0) },
            update: { holder: 'healthz', leaseUntil: new Date(0) },
          }),
        { maxWait: deadlineMs, timeout: deadlineMs },
      );
      probe.catch(() => {}); // may settle after the deadline has answered
      try {
        await withDeadline(probe, deadlineMs, 'the database health probe');
      } catch (error) {
        if (isDiskFull(error)) throw new DiskFull('disk full: SQLite could not write (SQLITE_FULL)', { cause: error });
        throw error;
      }
      if (spaceProbeFile) await withDeadline(proveFreeSpace(spaceProbeFile), deadlineMs, 'the disk space probe');
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
