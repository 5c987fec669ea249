import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql';
import { PrismaClient as SqliteClient } from './generated/sqlite';
import { providerOf, sqliteFilePath, type TProvider } from './provider';

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
      : (new PostgresClient({
          adapter: new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 }),
        }) as unknown as TPrisma);
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
