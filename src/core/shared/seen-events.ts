import { AsyncLocalStorage } from 'node:async_hooks';
import type { TSqlQueryable } from './db/sql';
import type { TDomainDeps } from './deps';
import { eventSeenBefore, markEventSeen } from './seen-events-repository';

/**
 * The Slack event being handled, so that the change it causes records its id in the change's own transaction: the
 * id is stored exactly when the change is, and a change that failed (or a process that died) leaves the id unrecorded
 * for Slack's retry to apply it. `recorded` turns true once a transaction that wrote it committed.
 */
interface THandledEvent {
  eventId: string;
  recorded: boolean;
}

const handling = new AsyncLocalStorage<THandledEvent>();

/** A retry of an event whose change another delivery committed first; the work was rolled back and is skipped. */
export class EventAlreadyHandled extends Error {
  override name = 'EventAlreadyHandled';
}

/** Whether an event id was recorded by a committed change (or a completed listener); one indexed read. */
export function seenBefore(deps: Pick<TDomainDeps, 'db'>, eventId: string): Promise<boolean> {
  return eventSeenBefore(deps.db.sql, eventId);
}

/**
 * Runs the handling of one event. The first unit of work that commits inside it records the id in its transaction
 * (see `recordHandledEvent`); if none did (the listener only read, or answered privately), the id is recorded when
 * the work has finished, in its own statement: the work is done by then, so nothing can be lost.
 */
export async function handlingEvent(
  deps: Pick<TDomainDeps, 'db' | 'clock'>,
  eventId: string,
  work: () => Promise<void>,
): Promise<void> {
  const event: THandledEvent = { eventId, recorded: false };
  await handling.run(event, work);
  if (!event.recorded) await markEventSeen(deps.db.sql, eventId, deps.clock.now());
}

/**
 * Inside a unit of work's transaction: records the event being handled, if any and not yet; throws
 * EventAlreadyHandled (rolling the change back) when a concurrent delivery of it committed first. True when it wrote.
 */
export async function recordHandledEvent(q: TSqlQueryable, now: Date): Promise<boolean> {
  const event = handling.getStore();
  if (!event || event.recorded) return false;
  if (!(await markEventSeen(q, event.eventId, now))) throw new EventAlreadyHandled(event.eventId);
  return true;
}

/** After the commit of a transaction in which `recordHandledEvent` wrote. */
export function handledEventCommitted() {
  const event = handling.getStore();
  if (event) event.recorded = true;
}
