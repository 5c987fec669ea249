import { createRequire } from 'node:module';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient as SqliteClient } from './generated/sqlite';
import { providerOf, sqliteFilePath, type TProvider } from './provider';

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

export interface TDatabase {
  prisma: TPrisma;
  provider: TProvider;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function openDatabase(databaseUrl: string, options: { poolSize?: number } = {}): TDatabase {
  const provider = providerOf(databaseUrl);
  const prisma =
    provider === 'sqlite'
      ? new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl), timeout: 10_000 }) })
      : (() => {
          const { PrismaClient: PostgresClient, PrismaPg } = postgres();
          return new PostgresClient({
            adapter: new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 }),
          }) as unknown as TPrisma;
        })();
  return {
    prisma,
    provider,
    async ping() {
      await prisma.jobLease.count();
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
