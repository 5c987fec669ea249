import { startPrivatePostgres } from './test/support/private-postgres';
import { migrateDatabase } from './src/db/migrations';
import { openDatabase } from './src/db/client';
const pg = await startPrivatePostgres();
await migrateDatabase(pg.url);
const db = openDatabase(pg.url);
await db.prisma.jobLease.count();
pg.stop();
const show = (e: any) => console.log(JSON.stringify({ name: e?.name, code: e?.code, msg: String(e?.message).slice(0, 300), cause: e?.cause && { kind: e.cause.kind, code: e.cause.code, msg: String(e.cause.message ?? '').slice(0,200), originalCode: e.cause.originalCode }, meta: e?.meta }));
try { await db.prisma.jobLease.count(); } catch (e) { show(e); }
try { await db.prisma.$transaction(async (tx) => tx.jobLease.count()); } catch (e) { show(e); }
pg.start();
await new Promise(r=>setTimeout(r,500));
try { console.log('after', await db.prisma.jobLease.count()); } catch (e) { show(e); }
pg.destroy();
process.exit(0);
