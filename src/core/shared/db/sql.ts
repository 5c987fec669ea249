import type { TProvider } from './provider';

/**
 * Prepared SQL on the hot paths (a flag, a reaction, a card post), straight to the driver adapter Prisma itself
 * uses: same connection, same transaction lock, same value encoding, but no query compiler. Prisma's compiler and
 * client cost about 0.4 ms of CPU per statement (docs/performance.md); these statements cost a few microseconds.
 * Statements are written once per repository with `?` placeholders and double-quoted identifiers, which both
 * SQLite and PostgreSQL read the same way.
 */
export type TSqlValue = string | number | boolean | Date | null;

/** The driver adapter's own types (@prisma/driver-adapter-utils), the subset used here. */
interface TArgType {
  scalarType: 'string' | 'int' | 'float' | 'boolean' | 'datetime';
  arity: 'scalar';
}
interface TAdapterQuery {
  sql: string;
  args: unknown[];
  argTypes: TArgType[];
}
export interface TAdapterQueryable {
  queryRaw(query: TAdapterQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
  executeRaw(query: TAdapterQuery): Promise<number>;
}
export interface TAdapterTransaction extends TAdapterQueryable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
export interface TDriverAdapter extends TAdapterQueryable {
  startTransaction(isolationLevel?: string): Promise<TAdapterTransaction>;
}

export interface TSqlQueryable {
  readonly provider: TProvider;
  /** Rows as objects keyed by column name, values as the driver returns them (see the row readers below). */
  all(sql: string, args?: TSqlValue[]): Promise<Record<string, unknown>[]>;
  run(sql: string, args?: TSqlValue[]): Promise<number>;
}

export interface TSql extends TSqlQueryable {
  /** Runs `work` in one transaction on the adapter (commit, or rollback on a throw). */
  transaction<T>(work: (tx: TSqlQueryable) => Promise<T>): Promise<T>;
}

const argTypeOf = (value: TSqlValue): TArgType => {
  if (typeof value === 'number') return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' };
  if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' };
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' };
  return { scalarType: 'string', arity: 'scalar' };
};

/** PostgreSQL numbers its placeholders; the statements are written once, with `?`. */
const placeholderCache = new Map<string, string>();
function forProvider(provider: TProvider, sql: string): string {
  if (provider === 'sqlite') return sql;
  let numbered = placeholderCache.get(sql);
  if (!numbered) {
    let index = 0;
    numbered = sql.replace(/\?/g, () => `$${++index}`);
    placeholderCache.set(sql, numbered);
  }
  return numbered;
}

/** What the SQLite adapter holds: better-sqlite3's Database (a documented field of the adapter and its transactions). */
interface TSqliteHandle {
  prepare(sql: string): {
    reader: boolean;
    all(...args: unknown[]): Record<string, unknown>[];
    run(...args: unknown[]): { changes: number };
  };
}
const sqliteHandleOf = (target: unknown): TSqliteHandle | null => {
  const client = (target as { client?: Partial<TSqliteHandle> }).client;
  return typeof client?.prepare === 'function' ? (client as TSqliteHandle) : null;
};

/** SQLite values as Prisma's adapter writes them (its mapArg): dates as ISO 8601 with an explicit offset. */
const sqliteValue = (value: TSqlValue) =>
  value instanceof Date
    ? value.toISOString().replace('Z', '+00:00')
    : typeof value === 'boolean'
      ? Number(value)
      : value;

/**
 * On SQLite, statements run on the adapter's own better-sqlite3 connection and stay prepared: the adapter prepares
 * every statement anew, which costs more than running it.
 */
function sqliteQueryable(
  handle: TSqliteHandle,
  cache: Map<string, ReturnType<TSqliteHandle['prepare']>>,
): TSqlQueryable {
  const statement = (sql: string) => {
    let prepared = cache.get(sql);
    if (!prepared) {
      prepared = handle.prepare(sql);
      cache.set(sql, prepared);
    }
    return prepared;
  };
  return {
    provider: 'sqlite',
    all: async (sql, args = []) => {
      const prepared = statement(sql);
      const values = args.map(sqliteValue);
      if (prepared.reader) return prepared.all(...values);
      prepared.run(...values);
      return [];
    },
    run: async (sql, args = []) => statement(sql).run(...args.map(sqliteValue)).changes,
  };
}

function queryable(provider: TProvider, target: TAdapterQueryable): TSqlQueryable {
  const query = (sql: string, args: TSqlValue[]): TAdapterQuery => ({
    sql: forProvider(provider, sql),
    args,
    argTypes: args.map(argTypeOf),
  });
  return {
    provider,
    async all(sql, args = []) {
      const { columnNames, rows } = await target.queryRaw(query(sql, args));
      return rows.map((row) => {
        const record: Record<string, unknown> = {};
        for (let index = 0; index < columnNames.length; index++) record[columnNames[index]!] = row[index];
        return record;
      });
    },
    run: (sql, args = []) => target.executeRaw(query(sql, args)),
  };
}

/**
 * Statements are counted where they reach the adapter (src/core/shared/db/client.ts), like Prisma's own; on SQLite, where they
 * reach the connection (`count`).
 */
export function sqlOverAdapter(
  provider: TProvider,
  adapter: () => Promise<TDriverAdapter>,
  count: (sql: string) => void,
): TSql {
  const cache = new Map<string, ReturnType<TSqliteHandle['prepare']>>();
  const over = (target: TAdapterQueryable): TSqlQueryable => {
    const handle = provider === 'sqlite' ? sqliteHandleOf(target) : null;
    if (!handle) return queryable(provider, target);
    const inner = sqliteQueryable(handle, cache);
    return {
      provider,
      all: (sql, args) => {
        count(sql);
        return inner.all(sql, args);
      },
      run: (sql, args) => {
        count(sql);
        return inner.run(sql, args);
      },
    };
  };
  const direct = async () => over(await adapter());
  const sql: TSql = {
    provider,
    all: async (statement, args) => (await direct()).all(statement, args),
    // Prisma's SQLite adapter has one connection: a write outside its transaction lock could land inside another
    // caller's open transaction (and be rolled back with it), so on SQLite every write takes the lock.
    run: async (statement, args) =>
      provider === 'sqlite' ? sql.transaction((tx) => tx.run(statement, args)) : (await direct()).run(statement, args),
    async transaction(work) {
      const tx = await (await adapter()).startTransaction();
      const inTx = over(tx);
      try {
        const result = await work(inTx);
        // Prisma's own transaction manager ends a transaction the same way: the statement, then the adapter call.
        await inTx.run('COMMIT');
        await tx.commit();
        return result;
      } catch (error) {
        await inTx.run('ROLLBACK').catch(() => {});
        await tx.rollback().catch(() => {});
        throw error;
      }
    },
  };
  return sql;
}

/** Driver values to model values: SQLite hands back integers as bigints and dates as ISO text, PostgreSQL as text. */
export const readInt = (value: unknown): number => Number(value);
export const readIntOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
export const readString = (value: unknown): string => String(value);
export const readStringOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  // PostgreSQL's timestamp(3) carries no offset; Prisma stores UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
export const readDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : readDate(value);

/** The minimal raw surface of a Prisma client or interactive transaction. */
interface TPrismaRaw {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * The same prepared statements inside a Prisma interactive transaction, for a caller that already holds one (a
 * theme's resolution resolves its escalations in its own transaction).
 */
export function sqlOverPrisma(provider: TProvider, prisma: TPrismaRaw): TSqlQueryable {
  return {
    provider,
    all: (statement, args = []) =>
      prisma.$queryRawUnsafe<Record<string, unknown>[]>(forProvider(provider, statement), ...args),
    run: (statement, args = []) => prisma.$executeRawUnsafe(forProvider(provider, statement), ...args),
  };
}
