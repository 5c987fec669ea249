import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/core/shared/db/client';
import { isDatabaseUnavailable, maskDatabaseUrls, oneLineError } from '../../../../src/core/shared/db/database-errors';
import { migrateDatabase } from '../../../../src/core/shared/db/migrations';
import { createTestDatabase, testProviders } from '../../../support/databases';

describe('database errors', () => {
  it('tells a database that is away from a request that is wrong', () => {
    const unavailable = [
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' }),
      Object.assign(new Error('Operation has timed out'), { code: 'P1008' }),
      Object.assign(new Error('Timed out fetching a new connection from the connection pool'), { code: 'P2024' }),
      { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '57P01', originalCode: '57P01' } },
      { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: 'db', port: 5432 } },
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
      { meta: { driverAdapterError: { cause: { kind: 'sqlite', extendedCode: 5, message: 'database is locked' } } } },
    ];
    for (const error of unavailable) expect(isDatabaseUnavailable(error), JSON.stringify(error)).toBe(true);
    const requestErrors = [
      Object.assign(new Error('Unique constraint failed on the fields: (`externalId`)'), { code: 'P2002' }),
      Object.assign(new Error('Record to update not found.'), { code: 'P2025' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      { name: 'DriverAdapterError', cause: { kind: 'postgres', code: '22021', originalCode: '22021' } },
      null,
      'a string',
    ];
    for (const error of requestErrors) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });

  it('masks the password of any database URL in a text', () => {
    expect(maskDatabaseUrls('connect to postgresql://advocate:s3cr%40t@db:5432/advocate failed')).toBe(
      'connect to postgresql://advocate:***@db:5432/advocate failed',
    );
    expect(maskDatabaseUrls('"postgres://u:p@h/d"')).toBe('"postgres://u:***@h/d"');
    expect(maskDatabaseUrls('postgresql://advocate@db/advocate')).toBe('postgresql://advocate@db/advocate');
  });
});

describe.each(testProviders())('Prisma errors in one line on %s', (provider) => {
  it('keeps the code and the reason, not the code frame of our source', async () => {
    const database = await createTestDatabase(provider);
    await migrateDatabase(database.url);
    const db = openDatabase(database.url);
    try {
      const row = { name: 'one-line', holder: 'a', leaseUntil: new Date() };
      await db.prisma.jobLease.create({ data: row });
      const error = await db.prisma.jobLease.create({ data: row }).catch((caught: unknown) => caught);
      expect((error as Error).message.split('\n').length).toBeGreaterThan(3); // Prisma's own: a code frame
      const line = oneLineError(error);
      expect(line).not.toContain('\n');
      expect(line).toMatch(/^PrismaClientKnownRequestError P2002: Unique constraint failed/);
      expect(line.length).toBeLessThan(300);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
