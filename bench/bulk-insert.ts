import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqliteFilePath } from '../src/core/shared/db/provider';

type TValue = string | number | Date | null;

/**
 * Loads seed rows through the database drivers directly. Only the benchmark does this: a million rows through
 * Prisma's createMany take minutes, and what the benchmark measures is reading them back through the app.
 */
export async function bulkInsert(databaseUrl: string, table: string, rows: Record<string, TValue>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  if (providerOf(databaseUrl) === 'sqlite') {
    const db = new Sqlite(sqliteFilePath(databaseUrl), { timeout: 10_000 });
    try {
      // Prisma's SQLite adapter stores DateTime as ISO-8601 text; keep that format so the app reads these rows.
      const insert = db.prepare(`INSERT INTO "${table}" (${quoted}) VALUES (${columns.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const row of rows) insert.run(columns.map((column) => sqliteValue(row[column] ?? null)));
      })();
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const perStatement = Math.floor(60_000 / columns.length);
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const values: TValue[] = [];
      const tuples = chunk.map((row, index) => {
        for (const column of columns) values.push(row[column] ?? null);
        return `(${columns.map((_, offset) => `$${index * columns.length + offset + 1}`).join(', ')})`;
      });
      await client.query(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(', ')}`, values);
    }
  } finally {
    await client.end();
  }
}

function sqliteValue(value: TValue) {
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}
