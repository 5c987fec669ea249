/**
 * Renders prisma/models.prisma into one schema per provider. `--check` exits 1 when a committed schema differs,
 * so the two providers can never drift apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const providers = ['sqlite', 'postgresql'] as const;
export type TProvider = (typeof providers)[number];

const root = path.resolve(import.meta.dirname, '..');

export function renderSchema(
  provider: TProvider,
  models = readFileSync(path.join(root, 'prisma', 'models.prisma'), 'utf8'),
) {
  return `// Generated from prisma/models.prisma by \`npm run db:schemas\`. Do not edit.
generator client {
  provider   = "prisma-client-js"
  output     = "../../src/core/shared/db/generated/${provider}"
  engineType = "client"
  previewFeatures = ["relationJoins"]
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

${models}`;
}

export function schemaPath(provider: TProvider) {
  return path.join(root, 'prisma', provider, 'schema.prisma');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const provider of providers) {
    const expected = renderSchema(provider);
    let current = '';
    try {
      current = readFileSync(schemaPath(provider), 'utf8');
    } catch {}
    if (current === expected) continue;
    if (check) {
      console.error(`prisma/${provider}/schema.prisma is out of date: run npm run db:schemas`);
      stale = true;
    } else {
      writeFileSync(schemaPath(provider), expected);
      console.log(`wrote prisma/${provider}/schema.prisma`);
    }
  }
  process.exit(stale ? 1 : 0);
}
