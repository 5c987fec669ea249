import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase, readMigrations, type TMigrationFile } from '../../../../src/core/shared/db/migrations';
import { sqliteFilePath } from '../../../../src/core/shared/db/provider';
import { describeDatabase } from '../../../support/catalog';
import { createTestDatabase, type TTestDatabase, testProviders } from '../../../support/databases';

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/** The SQL Prisma itself derives from the current schema: what a database built straight from it looks like. */
function schemaSql(provider: 'sqlite' | 'postgresql', url: string) {
  return execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/prisma/build/index.js'),
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema-datamodel',
      `prisma/${provider}/schema.prisma`,
      '--script',
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
}

async function runSql(url: string, sql: string) {
  if (url.startsWith('file:')) {
    const db = new Sqlite(sqliteFilePath(url));
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function selectRows(url: string, sql: string) {
  if (url.startsWith('file:')) {
    const db = new Sqlite(sqliteFilePath(url), { readonly: true });
    const rows = db.prepare(sql).all();
    db.close();
    return rows as Record<string, unknown>[];
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(sql);
  await client.end();
  return rows as Record<string, unknown>[];
}

const recordedMigrations = (url: string) => selectRows(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');

describe.each(testProviders())('migrations on %s', (provider) => {
  const created: TTestDatabase[] = [];
  const fresh = async () => {
    const database = await createTestDatabase(provider);
    created.push(database);
    return database;
  };
  afterEach(async () => {
    await Promise.all(created.splice(0).map((database) => database.drop()));
  });

  it('builds exactly the database the schema describes', async () => {
    const migrated = await fresh();
    const direct = await fresh();
    const report = await migrateDatabase(migrated.url);
    expect(report.applied).toEqual(readMigrations(provider).map((file) => file.name));
    await runSql(direct.url, schemaSql(provider, direct.url));
    expect(await describeDatabase(migrated.url)).toEqual(await describeDatabase(direct.url));
  });

  it('records each migration as prisma migrate deploy does and applies nothing twice', async () => {
    const database = await fresh();
    await migrateDatabase(database.url);
    const again = await migrateDatabase(database.url);
    expect(again.applied).toEqual([]);
    const rows = await recordedMigrations(database.url);
    const files = readMigrations(provider);
    expect(rows).toHaveLength(files.length);
    for (const [index, row] of rows.entries()) {
      expect(row.migration_name).toBe(files[index]!.name);
      expect(row.checksum).toBe(files[index]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(String(row.id)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const database = await fresh();
    const files = readMigrations(provider);
    await migrateDatabase(database.url, files);
    const edited: TMigrationFile[] = files.map((file, index) =>
      index === 0 ? { ...file, checksum: 'f'.repeat(64) } : file,
    );
    await expect(migrateDatabase(database.url, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('marks rows of message kinds no sender handles any more dead, once, and leaves current kinds alone', async () => {
    const database = await fresh();
    const files = readMigrations(provider);
    const retiring = files.findIndex((file) => file.name.endsWith('_retire_worded_outbox_kinds'));
    expect(retiring).toBeGreaterThan(0);
    await migrateDatabase(database.url, files.slice(0, retiring));
    await runSql(
      database.url,
      `INSERT INTO "OutboxMessage" ("dedupeKey","kind","payload","status","nextAttemptAt","createdAt") VALUES
        ('old:1','thread.line','{"kind":"thread.line","escalationId":1,"text":"hi"}','pending',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
        ('old:2','channel.message','{"kind":"channel.message","channelId":"C1","text":"hi"}','sent',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
        ('new:1','card.post','{"kind":"card.post","escalationId":1}','pending',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
    );
    await migrateDatabase(database.url, files);
    const rows = await selectRows(
      database.url,
      'SELECT "dedupeKey","status","lastError" FROM "OutboxMessage" ORDER BY "dedupeKey"',
    );
    expect(rows).toEqual([
      { dedupeKey: 'new:1', status: 'pending', lastError: null },
      { dedupeKey: 'old:1', status: 'dead', lastError: expect.stringContaining('retired message kind') },
      { dedupeKey: 'old:2', status: 'sent', lastError: null },
    ]);
  });

  it('applies a later migration on top, in one transaction with its record', async () => {
    const database = await fresh();
    const files = readMigrations(provider);
    await migrateDatabase(database.url, files);
    const broken = {
      name: '99990101000000_broken',
      sql: 'CREATE TABLE "Probe" ("id" INTEGER);\nTHIS IS NOT SQL;',
      checksum: 'a'.repeat(64),
    };
    await expect(migrateDatabase(database.url, [...files, broken])).rejects.toThrow();
    const rows = await recordedMigrations(database.url);
    expect(rows.map((row) => row.migration_name)).not.toContain(broken.name);
    const good = {
      name: '99990101000001_probe',
      sql: 'CREATE TABLE "Probe" ("id" INTEGER);',
      checksum: 'b'.repeat(64),
    };
    expect((await migrateDatabase(database.url, [...files, good])).applied).toEqual([good.name]);
  });
});

describe('schemas', () => {
  it('the committed per-provider schemas are rendered from prisma/models.prisma', () => {
    const result = execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/render-schemas.ts', '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result).toBe('');
  });

  it('the check notices a drifted schema', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'advocate-schema-'));
    writeFileSync(path.join(dir, 'x'), '');
    const script = `import { renderSchema } from '${root}/scripts/render-schemas.ts'; console.log(renderSchema('sqlite', 'model A { id Int @id }') === renderSchema('postgresql', 'model A { id Int @id }'));`;
    const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('false');
  });
});
