import type { TDatabase } from '../src/core/shared/db/client';
import { bulkInsert } from './bulk-insert';

/** mulberry32: a tiny seeded generator, so every run seeds the same data. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_OWNER = 'U0BENCHOWN';
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const TAGS = ['billing', 'sso', 'export', 'api', 'mobile', 'reports', 'webhooks', 'latency'];

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}

export interface TSeedOptions {
  customers: number;
  openEscalations: number;
  claimedByBenchOwner: number;
  surveyResponses: number;
  /** Survey responses are spread over this many weeks before `now`. */
  weeks: number;
  now: Date;
}

/**
 * Bulk-loads a realistic, reproducible data set straight through the repositories' tables (createMany in chunks):
 * the benchmark measures reading it, not writing it one flag at a time.
 */
export async function seedBenchData(db: TDatabase, databaseUrl: string, options: TSeedOptions) {
  const random = seededRandom(20261125);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const prisma = db.prisma;
  // SQLite allows 32,766 bound variables per statement; PostgreSQL 65,535.
  const rowsPer = (columns: number) => Math.floor((db.provider === 'sqlite' ? 32_000 : 65_000) / columns);

  await inChunks(
    Array.from({ length: options.customers }, (_, index) => ({
      name: `Customer ${index}`,
      nameKey: `customer ${index}`,
      status: random() < 0.9 ? 'active' : 'churned',
      arr: Math.round(random() * 200_000),
    })),
    rowsPer(4),
    (chunk) => prisma.customer.createMany({ data: chunk }),
  );
  const customerIds = (await prisma.customer.findMany({ select: { id: true } })).map((row) => row.id);

  const now = options.now.getTime();
  const escalations = Array.from({ length: options.openEscalations }, (_, index) => {
    const createdAt = new Date(now - Math.floor(random() * 60 * 86_400_000));
    const mine = index < options.claimedByBenchOwner;
    const claimed = mine || random() < 0.4;
    const claimWaitSeconds = Math.floor(random() * 8 * 3_600);
    return {
      reporterId: `U0AGENT${String(index % 40).padStart(3, '0')}`,
      sourceChannelId: 'C0SUPPORT1',
      summary: `Seeded escalation ${index}: ${pick(TAGS)} problem reported by a customer`,
      severity: pick(SEVERITIES),
      status: claimed ? 'claimed' : 'open',
      ownerId: mine ? BENCH_OWNER : claimed ? `U0ADVOC${String(index % 12).padStart(3, '0')}` : null,
      claimedAt: claimed ? new Date(createdAt.getTime() + claimWaitSeconds * 1000) : null,
      claimWaitSeconds: claimed ? claimWaitSeconds : null,
      customerId: pick(customerIds),
      cardChannelId: 'C0ADVOCATE',
      cardTs: `1700000000.${String(index).padStart(6, '0')}`,
      postState: 'posted',
      remindersSent: 0,
      version: 0,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await bulkInsert(databaseUrl, 'Escalation', escalations);
  // Some history: resolved escalations over the last two weeks, for the medians.
  const resolved = Array.from({ length: Math.floor(options.openEscalations / 10) }, (_, index) => {
    const createdAt = new Date(now - Math.floor(random() * 14 * 86_400_000));
    return {
      reporterId: 'U0AGENT001',
      sourceChannelId: 'C0SUPPORT1',
      summary: `Seeded resolved escalation ${index}`,
      severity: pick(SEVERITIES),
      status: 'resolved',
      ownerId: 'U0ADVOC001',
      claimedAt: new Date(createdAt.getTime() + 3_600_000),
      claimWaitSeconds: 3_600,
      resolvedAt: new Date(createdAt.getTime() + 20 * 3_600_000),
      resolveWaitSeconds: 20 * 3_600,
      customerId: pick(customerIds),
      postState: 'posted',
      remindersSent: 0,
      version: 0,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await bulkInsert(databaseUrl, 'Escalation', resolved);

  const span = options.weeks * 7 * 86_400_000;
  await bulkInsert(
    databaseUrl,
    'SurveyResponse',
    Array.from({ length: options.surveyResponses }, (_, index) => {
      const nps = random() < 0.8;
      return {
        kind: nps ? 'nps' : 'csat',
        score: nps ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5),
        customerId: pick(customerIds),
        comment: random() < 0.2 ? `Seeded comment ${index}` : null,
        respondedAt: new Date(now - Math.floor(random() * span)),
        source: 'import',
        createdAt: new Date(now),
      };
    }),
  );
}
