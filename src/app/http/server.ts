import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import {
  isDatabaseUnavailable,
  isDiskFull,
  isOutcomeUnknown,
  oneLineError,
} from '../../core/shared/db/database-errors';
import type { Logger } from '../../logger';
import { eventCallbackId, type HeldEventAcks } from './held-event-acks';
import { matchRoute, sendJson, type TRoute } from './router';
import type { SlackReplayGuard } from './slack-replay-guard';
import { bufferSlackRequest } from './slack-request';

/**
 * Slow or idle clients cannot hold sockets open: the headers within 10 s, the whole request within 30 s, an idle
 * keep-alive connection closed after 5 s (load balancers keep theirs for longer and reconnect).
 */
export const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 };

/** The request's path, or null when the request target is not a URL at all (`//`, `//x:99999`, `//[`). */
export function pathnameOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export interface THttpServerOptions {
  routes: TRoute[];
  /** Bolt's HTTPReceiver, for `/slack/events` (HTTP mode). */
  slackListener?: RequestListener;
  /** Holds Bolt's answer to an Events API request until its listeners are done (see HeldEventAcks). */
  eventAcks?: HeldEventAcks;
  /** Refuses timestamps outside Slack's window and drops byte-for-byte replays (HTTP mode). */
  replayGuard?: SlackReplayGuard;
  logger: Logger;
}

/** The request failed because its own client disconnected, not because of anything on our side. */
function clientWentAway(req: IncomingMessage, error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return (code === 'ECONNRESET' || code === 'EPIPE') && (message === 'aborted' || req.destroyed);
}

/** Our HTTP server: `/slack/events` to Bolt, everything else to our routes. No request can throw out of it. */
export function createHttpServer(options: THttpServerOptions): Server {
  const { routes, slackListener, eventAcks, replayGuard, logger } = options;
  const fail = (req: IncomingMessage, res: ServerResponse, where: string, error: unknown) => {
    if (error instanceof URIError) {
      if (!res.headersSent) sendJson(res, 400, { error: 'the path has a malformed %-escape' });
      return;
    }
    if (clientWentAway(req, error)) {
      // The caller hung up mid-request (ECONNRESET "aborted"): nobody to answer, and nothing wrong with the database.
      logger.info(`${req.method} ${where}: the client disconnected before the request was complete`);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // Each request writes in one transaction: when the database could not be used, none of it was stored.
      logger.warn(`${req.method} ${where}: database unavailable: ${oneLineError(error)}`);
      if (!res.headersSent) {
        res.setHeader('retry-after', '60');
        sendJson(res, 503, {
          error: isDiskFull(error)
            ? "Advocate's disk is full; nothing was stored — retry once space has been freed"
            : isOutcomeUnknown(error)
              ? "Advocate's database stopped answering before it could confirm the write; it may have been stored — check before retrying"
              : "Advocate can't reach its database right now; nothing was stored — retry in a minute",
        });
      } else res.destroy();
      return;
    }
    logger.error(`${req.method} ${where} failed:`, error);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = pathnameOf(req.url);
    if (pathname === null) return sendJson(res, 400, { error: 'the request path is not a valid URL path' });
    if (pathname === '/slack/events' && slackListener) {
      bufferSlackRequest(req, res).then(
        (ready) => {
          if (!ready) return;
          const raw = (req as IncomingMessage & { rawBody?: Buffer }).rawBody!;
          const eventId = eventCallbackId(raw, req.headers['content-type']);
          const verdict = replayGuard?.check(req.headers, raw, eventId !== null) ?? { kind: 'pass' };
          if (verdict.kind === 'refuse') return sendJson(res, verdict.status, { error: verdict.error });
          if (verdict.kind === 'replay') {
            logger.warn('POST /slack/events: a signed request received again within 5 minutes was ignored');
            res.writeHead(200).end();
            return;
          }
          slackListener(req, eventId && eventAcks ? eventAcks.hold(eventId, res) : res);
        },
        (error) => fail(req, res, pathname, error),
      );
      return;
    }
    const route = matchRoute(routes, req.method ?? 'GET', pathname);
    if (route === null) return sendJson(res, 404, { error: `no route for ${req.method} ${pathname}` });
    if (route === 'wrong-method') return sendJson(res, 405, { error: `${req.method} is not allowed on ${pathname}` });
    // new Promise(…) also catches a handler that throws synchronously.
    new Promise<void>((resolve) => resolve(route.handler(req, res))).catch((error) => fail(req, res, pathname, error));
  };
  // Node checks those timeouts only every connectionsCheckingInterval (30 s by default).
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      fail(req, res, req.url ?? '', error);
    }
  });
  Object.assign(server, SERVER_TIMEOUTS);
  return server;
}
