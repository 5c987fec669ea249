import type { ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from '../../core/shared/db/database-errors';

/**
 * Slack gives up on an answer after 3 seconds; by then the event is answered. With its work still running the answer
 * is 503, never 200: Slack retries (its retries are deduplicated by event id, and the id is recorded only with the
 * change, src/core/shared/seen-events.ts), so the event is applied once, by whichever delivery finishes, and never
 * lost to a process that dies or a database that hangs after it was acknowledged.
 */
const HOLD_MS = 2_500;

/** The event's work outlasted Slack's patience; it goes on, and Slack's retry will find it done or do it. */
class StillWorking extends Error {}

interface THeld {
  res: ServerResponse;
  /** Bolt's 200, held back until the work it acknowledged is done; set once Bolt ended it. */
  answer: { headers?: Record<string, string>; body?: unknown; ended: boolean };
  outcome: 'ok' | Error | null;
  timer: NodeJS.Timeout;
}

/**
 * Bolt acknowledges every Events API request before its listener runs, so a reaction whose change could not be
 * stored (the database is down) would be answered 200 and lost: Slack retries only what is not answered 2xx. This
 * holds Bolt's 200 for an event until its listeners have finished, and answers 503 (database unavailable) or 500
 * instead when they failed, so Slack sends the event again (event ids are deduplicated).
 */
export class HeldEventAcks {
  private readonly held = new Map<string, THeld>();

  /** The response Bolt writes to, for an event callback with this id. */
  hold(eventId: string, res: ServerResponse): ServerResponse {
    const entry: THeld = {
      res,
      answer: { ended: false },
      outcome: null,
      // Slack stops waiting after 3 s: by then the 200 goes out whatever the work is doing.
      timer: setTimeout(() => this.timeOut(eventId), HOLD_MS),
    };
    entry.timer.unref();
    this.held.set(eventId, entry);
    const writeHead = (status: number, headers?: Record<string, string>) => {
      if (status !== 200 || !this.held.has(eventId)) {
        // Not an acknowledgement (a bad signature, Bolt's own timeout), or no longer held: straight through.
        this.forget(eventId);
        return res.writeHead(status, headers);
      }
      entry.answer.headers = headers;
      return res;
    };
    const end = (body?: unknown) => {
      if (!this.held.has(eventId)) return res.end(body as string | undefined);
      Object.assign(entry.answer, { body, ended: true });
      if (entry.outcome) this.flush(eventId);
      return res;
    };
    return new Proxy(res, {
      get(target, property) {
        if (property === 'writeHead') return writeHead;
        if (property === 'end') return end;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** The event's listeners finished (`error` unset) or failed. */
  settle(eventId: string | undefined, error?: unknown) {
    const entry = eventId ? this.held.get(eventId) : undefined;
    if (entry?.outcome) return; // answered already (503 after the hold)
    if (!entry) return;
    entry.outcome = error === undefined ? 'ok' : error instanceof Error ? error : new Error(String(error));
    if (entry.answer.ended) this.flush(eventId!);
  }

  private timeOut(eventId: string) {
    const entry = this.held.get(eventId);
    if (!entry) return;
    if (entry.answer.ended) {
      entry.outcome = new StillWorking();
      this.flush(eventId);
    } else this.forget(eventId);
  }

  private flush(eventId: string) {
    const entry = this.held.get(eventId)!;
    this.forget(eventId);
    const { res, answer, outcome } = entry;
    if (res.headersSent) return;
    if (outcome === 'ok') {
      res.writeHead(200, answer.headers);
      res.end(answer.body as string | undefined);
      return;
    }
    const still = outcome instanceof StillWorking;
    const unavailable = still || isDatabaseUnavailable(outcome);
    res.writeHead(unavailable ? 503 : 500, { 'content-type': 'application/json', 'retry-after': '30' });
    const error = still
      ? 'still working on it; retry'
      : unavailable
        ? 'database unavailable; retry later'
        : 'internal error; retry later';
    res.end(JSON.stringify({ error }));
  }

  private forget(eventId: string) {
    const entry = this.held.get(eventId);
    if (entry) clearTimeout(entry.timer);
    this.held.delete(eventId);
  }
}

/** The event id of an Events API callback body, or null for anything else Slack sends. */
export function eventCallbackId(raw: Buffer, contentType: string | undefined): string | null {
  if (!/^application\/json\b/i.test(contentType ?? '')) return null;
  try {
    const body = JSON.parse(raw.toString('utf8')) as { type?: unknown; event_id?: unknown };
    return body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : null;
  } catch {
    return null;
  }
}
