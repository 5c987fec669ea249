import type { TDatabase } from '../../db/client';
import { sendJson, type TRoute } from './router';

/** `GET /healthz`: 200 when the database answers, 503 naming the part that does not. */
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
        sendJson(res, 503, { status: 'error', db: `unreachable: ${(error as Error).message.split('\n')[0]}` });
      }
    },
  };
}
