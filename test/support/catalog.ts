import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath } from '../../src/core/shared/db/provider';

/** A provider-neutral description of a database's tables, columns, indexes and foreign keys, for comparing two. */
export async function describeDatabase(url: string): Promise<Record<string, unknown>> {
  if (url.startsWith('file:')) {
    const db = new Sqlite(sqliteFilePath(url), { readonly: true });
    try {
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
        )
        .all() as { name: string }[];
      const out: Record<string, unknown> = {};
      for (const { name } of tables) {
        out[name] = {
          // By name: a column added by a later migration sits last, one declared in the schema sits in place.
          columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { cid: number; name: string }[])
            .map(({ cid: _position, ...column }) => column)
            .sort((a, b) => a.name.localeCompare(b.name)),
          // Positions (cid, seq) depend on the order things were added, not on what they are: compare by name.
          indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { seq: number; name: string }[])
            .map(({ seq: _seq, ...index }) => ({
              ...index,
              columns: (
                db.prepare(`PRAGMA index_info("${index.name}")`).all() as { seqno: number; name: string }[]
              ).map((column) => `${column.seqno}:${column.name}`),
            }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
        };
      }
      return out;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}
