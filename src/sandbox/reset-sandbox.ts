import type { SlackStandIn } from '@advocate/slack-standin';
import type { TDatabase } from '../core/shared/db/client';

/** The migrations' own record stays: the schema is kept, only what people did goes. */
const KEPT = '_prisma_migrations';

/**
 * Reset: every row the app wrote is deleted and the numbering starts again (the next flag is ADV-1), and the
 * stand-in forgets its messages and who joined or left which channel. People and channels stay as seeded, so the
 * sample data can be loaded again.
 */
export async function resetSandbox(db: TDatabase, standIn: SlackStandIn) {
  const { prisma } = db;
  if (db.provider === 'postgresql') {
    const tables = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '${KEPT}'`,
    );
    if (tables.length) {
      await prisma.$executeRawUnsafe(
        `TRUNCATE ${tables.map((table) => `"${table.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
      );
    }
  } else {
    const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${KEPT}'`,
    );
    // Rows refer to each other (a merged customer to its survivor): checks are off while everything goes at once.
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
    try {
      for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
      const sequences = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`,
      );
      if (Number(sequences[0]?.n ?? 0) > 0) await prisma.$executeRawUnsafe('DELETE FROM sqlite_sequence');
    } finally {
      await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    }
  }
  standIn.reset();
  return { ok: true, message: 'The sandbox is empty again: no escalations, themes or responses, and no messages.' };
}
