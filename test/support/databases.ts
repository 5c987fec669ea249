import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TProvider } from '../../src/core/shared/db/provider';

/** Which databases the suite runs on: both by default; `ADVOCATE_TEST_DATABASES=sqlite` for a machine without PostgreSQL. */
export function testProviders(): TProvider[] {
  const wanted = (process.env.ADVOCATE_TEST_DATABASES ?? 'sqlite,postgresql').split(',').map((name) => name.trim());
  return (['sqlite', 'postgresql'] as const).filter((provider) => wanted.includes(provider));
}

export const POSTGRES_ADMIN_URL = process.env.ADVOCATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TTestDatabase {
  provider: TProvider;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database per test file (a temp SQLite file, or a fresh PostgreSQL database), so files run in parallel. */
export async function createTestDatabase(provider: TProvider): Promise<TTestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'advocate-test-'));
    return {
      provider,
      url: `file:${path.join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `advocate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    provider,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
