import { openDatabase } from './src/db/client';
import { migrateDatabase } from './src/db/migrations';
import { evaluateAtRisk } from './src/domain/customers/at-risk';
import { suggestCustomerNames } from './src/domain/customers/suggest';
import { createTestDatabase } from './test/support/databases';

const provider = (process.argv[2] ?? 'postgresql') as 'sqlite' | 'postgresql';
const N = Number(process.argv[3] ?? 100_000);
const database = await createTestDatabase(provider);
await migrateDatabase(database.url);
const db = openDatabase(database.url);
const words = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'vandelay', 'pied', 'piper', 'dunder', 'mifflin'];
const suffix = ['inc', 'corp', 'ltd', 'llc', 'gmbh', 'group', 'labs', 'systems'];
const now = new Date('2026-11-25T10:00:00Z');
let t = performance.now();
for (let start = 0; start < N; start += 5000) {
  const data = Array.from({ length: Math.min(5000, N - start) }, (_, k) => {
    const i = start + k;
    const name = `${words[i % 16]} ${words[(i * 7) % 16]} ${i} ${suffix[i % 8]}`;
    return { name, nameKey: name.toLowerCase(), arr: i % 3 ? (i % 100) * 1000 : null };
  });
  await db.prisma.customer.createMany({ data });
}
const ids = (await db.prisma.customer.findMany({ select: { id: true } })).map((r) => r.id);
const responses = [];
for (let i = 0; i < 200_000; i++) {
  responses.push({ kind: i % 4 ? 'nps' : 'csat', score: i % 4 ? i % 11 : 1 + (i % 5), customerId: ids[(i * 13) % ids.length]!, respondedAt: new Date(now.getTime() - (i % 70) * 86_400_000 - 3600_000), source: 'import' });
}
for (let s = 0; s < responses.length; s += 5000) await db.prisma.surveyResponse.createMany({ data: responses.slice(s, s + 5000) });
const esc = Array.from({ length: 3000 }, (_, i) => ({ reporterId: 'U1', sourceChannelId: 'C1', summary: 's', severity: ['low', 'medium', 'high', 'critical'][i % 4]!, status: i % 3 ? 'open' : 'resolved', customerId: ids[(i * 31) % ids.length]!, createdAt: now }));
await db.prisma.escalation.createMany({ data: esc });
console.log(`${provider}: seeded ${N} customers, 200k responses, 3k escalations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
for (const q of ['acme corporation', 'globx', 'wonka wayne 4242', 'zzzz']) {
  t = performance.now();
  const s = await suggestCustomerNames(db.prisma, q);
  console.log(`suggest "${q}": ${(performance.now() - t).toFixed(0)} ms → ${s.slice(0, 3).join(' | ')}`);
}
for (let run = 0; run < 2; run++) {
  t = performance.now();
  const list = await evaluateAtRisk(db.prisma, now, 'UTC');
  console.log(`evaluateAtRisk (all): ${(performance.now() - t).toFixed(0)} ms → ${list.length} at risk`);
}
t = performance.now();
await evaluateAtRisk(db.prisma, now, 'UTC', [ids[13]!]);
console.log(`evaluateAtRisk (one customer): ${(performance.now() - t).toFixed(1)} ms`);
await db.close();
await database.drop();
