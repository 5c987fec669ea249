/**
 * Applies the committed migration SQL at start, for both providers, recording each one in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (same table, sha256 checksum of migration.sql, timestamps), so a host
 * with Prisma's native engine agrees with us. We cannot use the CLI for PostgreSQL: its JS engine fails there
 * (prisma/orm#27403).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { projectRoot } from '../../../paths';
import { providerOf, sqliteFilePath, type TProvider } from './provider';

export interface TMigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface TMigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {}

export function migrationsDir(provider: TProvider) {
  return path.join(projectRoot, 'prisma', provider, 'migrations');
}

export function readMigrations(provider: TProvider, dir = migrationsDir(provider)): TMigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface TAppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Compares what the database recorded with the files; throws if a recorded migration's file changed or failed. */
function pending(files: TMigrationFile[], rows: TAppliedRow[]): TMigrationFile[] {
  const byName = new Map(rows.filter((row) => row.rolled_back_at == null).map((row) => [row.migration_name, row]));
  for (const row of byName.values()) {
    const file = files.find((candidate) => candidate.name === row.migration_name);
    if (!file) continue; // applied by a newer release; leave it be
    if (row.finished_at == null) {
      throw new MigrationError(
        `migration ${row.migration_name} started but did not finish; repair the database, then mark it rolled back`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.migration_name} was changed after it was applied (checksum differs); restore the original file`,
      );
    }
  }
  return files.filter((file) => !byName.has(file.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma writes SQLite timestamps as RFC 3339 with an explicit offset. */
const sqliteNow = () => new Date().toISOString().replace('Z', '+00:00');

function migrateSqlite(databaseUrl: string, files: TMigrationFile[]): TMigrationReport {
  const db = new Sqlite(sqliteFilePath(databaseUrl), { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_TABLE);
    const applied: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const run = db.transaction(() => {
      const rows = db.prepare('SELECT * FROM "_prisma_migrations"').all() as TAppliedRow[];
      const todo = pending(files, rows);
      for (const file of todo) {
        const id = randomUUID();
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)',
        ).run(id, file.checksum, file.name, sqliteNow());
        db.exec(file.sql);
        db.prepare('UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?').run(
          sqliteNow(),
          id,
        );
        applied.push(file.name);
      }
      return files.length - todo.length;
    });
    const alreadyApplied = run.immediate();
    return { applied, alreadyApplied };
  } finally {
    db.close();
  }
}

/** Any fixed number: replicas starting together serialise on it. */
const MIGRATION_LOCK_KEY = 72_634_001;

async function migratePostgres(databaseUrl: string, files: TMigrationFile[]): Promise<TMigrationReport> {
  // Loaded here, not at start: a SQLite deployment never needs the PostgreSQL driver.
  const { default: pg } = await import('pg');
  // A deadline on connecting: a database host that drops packets must fail start-up, not hang it.
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<TAppliedRow>('SELECT * FROM "_prisma_migrations"');
    const todo = pending(files, rows);
    const applied: string[] = [];
    for (const file of todo) {
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, file.checksum, file.name],
        );
        await client.query(file.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${file.name} failed: ${(error as Error).message}`);
      }
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.length - todo.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export async function migrateDatabase(databaseUrl: string, files?: TMigrationFile[]): Promise<TMigrationReport> {
  const provider = providerOf(databaseUrl);
  const migrations = files ?? readMigrations(provider);
  return provider === 'sqlite' ? migrateSqlite(databaseUrl, migrations) : migratePostgres(databaseUrl, migrations);
}
