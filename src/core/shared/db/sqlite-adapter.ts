import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type TAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type TTransaction = Awaited<ReturnType<TAdapter['startTransaction']>>;

/**
 * The better-sqlite3 adapter serialises transactions with a lock that only its `commit()`/`rollback()` release, and
 * Prisma calls those only after its `COMMIT`/`ROLLBACK` statement succeeded. When SQLite has already rolled a
 * transaction back by itself (SQLITE_FULL, "database or disk is full", does that), Prisma's `ROLLBACK` fails with
 * "no transaction is active", the lock is never released, and every later `$transaction` waits forever — the process
 * looks healthy and serves nothing (issue 16). This wrapper makes a failed COMMIT/ROLLBACK end the transaction and
 * release the lock, so the next transaction starts on a clean connection.
 */
function guardTransaction(tx: TTransaction): TTransaction {
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await tx.rollback(); // the adapter's rollback() only releases its lock; it runs no SQL
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'executeRaw') {
        return async (query: Parameters<TTransaction['executeRaw']>[0]) => {
          const statement = query.sql.trim().toUpperCase();
          if (statement !== 'COMMIT' && statement !== 'ROLLBACK') return target.executeRaw(query);
          try {
            return await target.executeRaw(query);
          } catch (error) {
            if (statement === 'COMMIT') {
              // SQLite may keep the transaction open after a failed COMMIT (SQLITE_BUSY): end it before unlocking.
              await target.executeRaw({ ...query, sql: 'ROLLBACK' }).catch(() => {});
            }
            await close();
            // Nothing to roll back: SQLite already did. The caller still gets the statement's original error.
            if (statement === 'ROLLBACK' && /no transaction is active/i.test(String((error as Error).message)))
              return 0;
            throw error;
          }
        };
      }
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          if (closed) return;
          closed = true;
          await target[property]();
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function guardAdapter(adapter: TAdapter): TAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'startTransaction') {
        return async (...args: Parameters<TAdapter['startTransaction']>) =>
          guardTransaction(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** PrismaBetterSQLite3 whose transactions always release the adapter's lock, whatever SQLite answered. */
export class GuardedSqliteAdapter extends PrismaBetterSQLite3 {
  override async connect(): Promise<TAdapter> {
    return guardAdapter(await super.connect());
  }
}
