import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql';
import { PrismaClient as SqliteClient } from './generated/sqlite';
import { providerOf, sqliteFilePath, type TProvider } from './provider';
import { sqlOverAdapter, type TAdapterQueryable, type TDriverAdapter, type TSql } from './sql';

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
  ping(): Promise<void>;
  close(): Promise<void>;
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

export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): TDatabase {
  const provider = providerOf(databaseUrl);
  const statements: TStatementCounter = { count: 0, recorded: [], recording: false };
  const count = (sql: string) => {
    statements.count++;
    if (statements.recording) statements.recorded.push(sql);
  };
  const factory: TAdapterFactory =
    provider === 'sqlite'
      ? new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl), timeout: 10_000 })
      : new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  const adapter = sharedAdapter(factory, count);
  const prisma =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: adapter.wrapped as never })
      : (new PostgresClient({ adapter: adapter.wrapped as never }) as unknown as TPrisma);
  const sql = sqlOverAdapter(provider, adapter.connect, count);
  return {
    prisma,
    sql,
    provider,
    statements,
    async ping() {
      await prisma.jobLease.count();
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
