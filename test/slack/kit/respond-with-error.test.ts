import { describe, expect, it } from 'vitest';
import { DatabaseTimeout, withDeadline } from '../../../src/core/shared/db/database-errors';
import { createLogger } from '../../../src/logger';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  DATABASE_UNCONFIRMED_MESSAGE,
  userFacingError,
} from '../../../src/slack/kit/respond-with-error';

const logger = createLogger('error');

describe('what a person is told when the database failed under their change', () => {
  it('says "could not confirm", not "nothing was stored", when the database stopped answering after the write was sent', async () => {
    // A COMMIT that hangs past its deadline may still go through: it was stored, later.
    const hungCommit = await withDeadline(new Promise(() => {}), 10, 'the flag').catch((error: unknown) => error);
    expect(hungCommit).toBeInstanceOf(DatabaseTimeout);
    expect(userFacingError(hungCommit, logger).text).toBe(DATABASE_UNCONFIRMED_MESSAGE);
    // PostgreSQL lost mid-statement, as the pg driver reports it through Prisma's adapter.
    const terminated = Object.assign(new Error('Invalid `prisma.escalation.create()` invocation'), {
      code: 'P2010',
      meta: { driverAdapterError: { kind: 'postgres', originalCode: '57P01', message: 'terminating connection' } },
    });
    expect(userFacingError(terminated, logger).text).toBe(DATABASE_UNCONFIRMED_MESSAGE);
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {});
    expect(userFacingError(lost, logger).text).toBe(DATABASE_UNCONFIRMED_MESSAGE);
  });

  it('still says "nothing was stored" when the database refused before anything was sent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(userFacingError(refused, logger).text).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(userFacingError(busy, logger).text).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    const notStarted = Object.assign(new Error('Unable to start a transaction in the given time.'), { code: 'P2028' });
    expect(userFacingError(notStarted, logger).text).toBe(DATABASE_UNAVAILABLE_MESSAGE);
  });
});
