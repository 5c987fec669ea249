import type { TDatabase } from '../../core/shared/db/client';
import { oneLineError, withDeadline } from '../../core/shared/db/database-errors';
import { countDeadOutbox } from '../../core/shared/outbox/outbox-repository';
import { sendJson, type TRoute } from './router';

/**
 * `GET /healthz`: 200 when the database takes a write within 2 s, 503 naming the part that does not. A write, not a
 * read: a SQLite database that is full or whose transactions hang still answers reads. Once the outbox has given up
 * on messages (`dead`, see OUTBOX_MAX_ATTEMPTS) the 200 also says how many: `"outbox": {"dead": 3}`.
 */
export function healthRoute(db: TDatabase, isStopping: () => boolean): TRoute {
  return {
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      if (isStopping()) {
        sendJson(res, 503, { status: 'stopping', db: 'ok' });
        return;
      }
      try {
        await db.ping();
      } catch (error) {
        sendJson(res, 503, { status: 'error', db: `unavailable: ${oneLineError(error)}` });
        return;
      }
      // Messages the outbox gave up on do not make the app unhealthy: they are reported, not a 503.
      const dead = await withDeadline(countDeadOutbox(db.prisma), 1_000, 'counting dead outbox messages').catch(
        () => 0,
      );
      sendJson(res, 200, dead > 0 ? { status: 'ok', db: 'ok', outbox: { dead } } : { status: 'ok', db: 'ok' });
    },
  };
}
