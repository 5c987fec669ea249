import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The CLI resolves the datasource URL to pick its engine; without one it tries to download the native engine.
process.env.DATABASE_URL ||= 'file:./data/advocate.db';
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= path.join(import.meta.dirname, 'scripts', 'no-schema-engine.sh');

const url = process.env.DATABASE_URL;
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', isPostgres ? 'postgresql' : 'sqlite', 'schema.prisma'),
  adapter: async () => (isPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
