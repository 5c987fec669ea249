import type { TDatabase } from '../../db/client';
import { oneLineError } from '../../db/errors';
import { sendJson, type TRoute } from './router';

/**
 * `GET /healthz`: 200 when the database takes a write within 2 s, 503 naming the part that does not. A write, not a
 * read: a SQLite database that is full or whose transactions hang still answers reads.
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
        sendJson(res, 200, { status: 'ok', db: 'ok' });
      } catch (error) {
        sendJson(res, 503, { status: 'error', db: `unavailable: ${oneLineError(error)}` });
      }
    },
  };
}
