import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_PG_ADMIN_URL = process.env.ADVOCATE_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A fresh, empty PostgreSQL database for one benchmark run, and a way to drop it. */
export async function postgresDatabase(adminUrl = BENCH_PG_ADMIN_URL) {
  const name = `advocate_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function tempPostgresUrl() {
  return (await postgresDatabase()).url;
}
