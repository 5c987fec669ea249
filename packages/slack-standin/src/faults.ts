import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';

/**
 * What the next call to a method should suffer: a Slack error (HTTP 200, ok:false), an HTTP status
 * (429 with Retry-After, 5xx), or a slow answer that then proceeds normally.
 */
export type Fault =
  | { error: string }
  | { status: number; retryAfter?: number }
  | { delayMs: number }
  /** Slack does the work, then the answer never arrives (a timeout or a dropped connection on the caller's side). */
  | { answerLost: true };

/** Which calls of the method a fault is for (e.g. the update of one message); unset, the next call whatever it is. */
export type FaultMatch = (params: Record<string, unknown>) => boolean;

export class Faults {
  private readonly queues = new Map<string, { fault: Fault; match?: FaultMatch }[]>();

  add(method: string, fault: Fault, times = 1, match?: FaultMatch): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push({ fault, match });
    this.queues.set(method, queue);
  }

  take(method: string, params: Record<string, unknown> = {}): Fault | undefined {
    const queue = this.queues.get(method);
    const index = queue?.findIndex((entry) => !entry.match || entry.match(params)) ?? -1;
    return index < 0 ? undefined : queue!.splice(index, 1)[0]!.fault;
  }

  clear(): void {
    this.queues.clear();
  }
}

/**
 * Applies a fault. Returns the error it answered with, or undefined when the call should go on
 * (no fault, or only a delay).
 */
export async function applyFault(fault: Fault | undefined, res: ServerResponse): Promise<string | undefined> {
  if (!fault || 'answerLost' in fault) return undefined;
  if ('delayMs' in fault) {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return undefined;
  }
  if ('error' in fault) {
    sendJson(res, 200, { ok: false, error: fault.error });
    return fault.error;
  }
  if (fault.status === 429) {
    sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(fault.retryAfter ?? 1) });
    return 'ratelimited';
  }
  sendJson(res, fault.status, { ok: false, error: 'internal_error' });
  return `http_${fault.status}`;
}
