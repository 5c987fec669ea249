import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from './src/db/client';
import { migrateDatabase } from './src/db/migrations';
import { sqliteFilePath } from './src/db/provider';
import { weeklySurveyFigures } from './src/domain/surveys/weekly-figures';
import { buildSurveyReport } from './src/domain/surveys/survey-report';
import { isoWeekOf } from './src/domain/time/zoned';

const url = process.argv[2]!;
const spreadWeeks = Number(process.argv[3] ?? 104);
await migrateDatabase(url);
const end = Date.parse('2026-11-30T00:00:00Z');
const span = spreadWeeks * 7 * 86_400_000;
console.log('seeding…');
const t0 = performance.now();
if (url.startsWith('file:')) {
  const db = new Sqlite(sqliteFilePath(url));
  db.exec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000) INSERT INTO Customer (name, nameKey, status, createdAt, updatedAt) SELECT 'C' || i, 'c' || i, 'unknown', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00' FROM s`);
  db.exec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000000)
    INSERT INTO SurveyResponse (kind, score, customerId, respondedAt, source, createdAt)
    SELECT CASE WHEN i % 3 = 0 THEN 'csat' ELSE 'nps' END,
           CASE WHEN i % 3 = 0 THEN 1 + (i * 7) % 5 ELSE (i * 13) % 11 END,
           1 + i % 5000, strftime('%Y-%m-%dT%H:%M:%f+00:00', (${end} - i * ${Math.floor(span / 1e6)}) / 1000.0, 'unixepoch'), 'import', '2026-01-01T00:00:00.000+00:00' FROM s`);
  db.close();
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "Customer" (name, "nameKey", status, "createdAt", "updatedAt") SELECT 'C' || i, 'c' || i, 'unknown', now(), now() FROM generate_series(1, 5000) i`);
  await client.query(`INSERT INTO "SurveyResponse" (kind, score, "customerId", "respondedAt", source, "createdAt")
    SELECT CASE WHEN i % 3 = 0 THEN 'csat' ELSE 'nps' END,
           CASE WHEN i % 3 = 0 THEN 1 + (i * 7) % 5 ELSE (i * 13) % 11 END,
           (SELECT min(id) FROM "Customer") + i % 5000, to_timestamp((${end} - i::bigint * ${Math.floor(span / 1e6)}) / 1000.0), 'import', now()
    FROM generate_series(1, 1000000) i`);
  await client.query('ANALYZE');
  await client.end();
}
console.log('seeded in', ((performance.now() - t0) / 1000).toFixed(1), 's');
const db = openDatabase(url);
console.log('rows', await db.prisma.surveyResponse.count());
const week = isoWeekOf(new Date(end - 86_400_000), 'UTC');
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  const figures = await weeklySurveyFigures({ db }, week);
  console.log('weeklySurveyFigures', week.label, (performance.now() - t).toFixed(1), 'ms', figures.nps.responses, figures.nps.score, figures.csat.responses, figures.csat.score);
}
const t = performance.now();
await buildSurveyReport({ db }, { week, now: new Date(end), timeZone: 'UTC' });
console.log('full report (8 weeks, comments, per customer)', (performance.now() - t).toFixed(1), 'ms');
await db.close();
