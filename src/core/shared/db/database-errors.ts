const UNIQUE_VIOLATION_CODES = new Set(['P2002', '23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * A unique constraint refused a row: Prisma's P2002, or from prepared SQL the adapter's error kind, PostgreSQL's
 * SQLSTATE 23505 or better-sqlite3's code.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (const part of causes(error)) {
    if (part.kind === 'UniqueConstraintViolation' || part.originalCode === '23505') return true;
    if (typeof part.code === 'string' && UNIQUE_VIOLATION_CODES.has(part.code)) return true;
  }
  return false;
}

/**
 * The disk holding the SQLite file has no room left (SQLITE_FULL, or the health probe's own write got ENOSPC): every
 * write fails until an operator frees space, and nothing but that helps (a restart does not).
 */
export class DiskFull extends Error {
  override name = 'DiskFull';
}

/** Whether the error says the disk is full (ours, SQLite's SQLITE_FULL, or the file system's ENOSPC). */
export function isDiskFull(error: unknown): boolean {
  for (const part of causes(error)) {
    if (part instanceof DiskFull) return true;
    const code = typeof part.code === 'string' ? part.code : '';
    const message = typeof part.message === 'string' ? part.message : '';
    if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL') || /database or disk is full/.test(message)) return true;
  }
  return false;
}

/** A database call that did not finish within its deadline (health probe, shutdown). */
export class DatabaseTimeout extends Error {
  override name = 'DatabaseTimeout';
}

/** Rejects with DatabaseTimeout after `ms`; the work itself goes on, but nobody waits for it any more. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

// Prisma: can't reach (P1001), timed out (P1002, P1008), connection closed (P1017), pool timeout (P2024),
// transaction could not start / expired (P2028).
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// Driver adapter error kinds that mean "the database, not the request".
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'DatabaseAccessDenied',
  'SocketTimeout',
  'TooManyConnections',
  'ConnectionClosed',
  'TransactionAlreadyClosed',
]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), too many connections (53300), out of disk/memory (53100, 53200),
// shutting down / starting up (57P01–57P03), statement timeout or cancel (57014).
const PG_UNAVAILABLE = /^(08|53[123]|57P0[1-3]|57014)/;
// Node and pg: the socket itself failed.
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const SQLITE_UNAVAILABLE =
  /SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)|database is locked|database or disk is full/;
const MESSAGE_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Unable to start a transaction in the given time|Transaction already closed|Can't reach database server|Query read timeout|canceling statement due to statement timeout/i;

/** The causes one error carries: itself, `cause`, Prisma's `meta.driverAdapterError`, and theirs. */
function* causes(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 5 || typeof error !== 'object' || error === null) return;
  const record = error as Record<string, unknown>;
  yield record;
  yield* causes(record.cause, depth + 1);
  yield* causes((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
}

/**
 * True when the error says the database could not be used right now (down, unreachable, timed out, locked, full),
 * rather than that the request was wrong: the person should try again later, and nothing was stored.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const part of causes(error)) {
    if (part instanceof DatabaseTimeout || part instanceof DiskFull) return true;
    const code = typeof part.code === 'string' ? part.code : undefined;
    const kind = typeof part.kind === 'string' ? part.kind : undefined;
    if (code && (PRISMA_UNAVAILABLE.has(code) || NODE_UNAVAILABLE.has(code))) return true;
    if (kind && ADAPTER_UNAVAILABLE.has(kind)) return true;
    if (kind === 'postgres' && typeof part.originalCode === 'string' && PG_UNAVAILABLE.test(part.originalCode))
      return true;
    if (kind === 'postgres' && code && PG_UNAVAILABLE.test(code)) return true;
    const message = typeof part.message === 'string' ? part.message : '';
    if (kind === 'sqlite' || code?.startsWith('SQLITE_')) {
      if (SQLITE_UNAVAILABLE.test(`${code ?? ''} ${message}`)) return true;
    }
    if (SQLITE_UNAVAILABLE.test(message) || MESSAGE_UNAVAILABLE.test(message)) return true;
  }
  return false;
}

// Failures after which the database may have carried the work out: the statement (or its COMMIT) was sent and the
// answer never came (a timeout, a connection lost mid-statement, the server shut down under it).
// Not P2028 as such: "Unable to start a transaction in the given time" shares it, and then nothing was sent.
const OUTCOME_UNKNOWN_CODES = new Set(['P1008', 'P1017', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const OUTCOME_UNKNOWN_KINDS = new Set(['SocketTimeout', 'ConnectionClosed', 'TransactionAlreadyClosed']);
const PG_OUTCOME_UNKNOWN = /^(57014|57P01|08006|08003)$/;
const MESSAGE_OUTCOME_UNKNOWN =
  /Connection terminated|Transaction already closed|Query read timeout|canceling statement due to statement timeout/i;

/**
 * The database could not be used, and may nonetheless have stored the work: it stopped answering after the work was
 * sent (a hung COMMIT that went through later). Such a failure must be told as "could not confirm", never as
 * "nothing was stored". A refusal before anything was sent (connection refused, SQLite busy or full) is not this.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  for (const part of causes(error)) {
    if (part instanceof DatabaseTimeout) return true;
    const code = typeof part.code === 'string' ? part.code : undefined;
    const kind = typeof part.kind === 'string' ? part.kind : undefined;
    if (code && OUTCOME_UNKNOWN_CODES.has(code)) return true;
    if (kind && OUTCOME_UNKNOWN_KINDS.has(kind)) return true;
    if (typeof part.originalCode === 'string' && PG_OUTCOME_UNKNOWN.test(part.originalCode)) return true;
    if (kind === 'postgres' && code && PG_OUTCOME_UNKNOWN.test(code)) return true;
    if (MESSAGE_OUTCOME_UNKNOWN.test(typeof part.message === 'string' ? part.message : '')) return true;
  }
  return false;
}

/** `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`, wherever it appears in a text (any scheme). */
export function maskDatabaseUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s"]*:)[^@\s"]*@/gi, '$1***@');
}

/**
 * One line for a log: the error's name, code and the first line of its message. Prisma's messages embed a code frame
 * of the calling source (kilobytes per error); the first line says what happened, the code says which kind.
 */
export function oneLineError(error: unknown): string {
  if (!(error instanceof Error)) return maskDatabaseUrls(typeof error === 'string' ? error : JSON.stringify(error));
  const code = (error as { code?: unknown }).code;
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // Prisma puts "Invalid `prisma.x.create()` invocation in /path/file.ts:12:3" first and the reason last.
  const first = lines[0] ?? '';
  const reason = /^Invalid `.*` invocation/.test(first) && lines.length > 1 ? lines[lines.length - 1]! : first;
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message.split('\n')[0]})` : '';
  return maskDatabaseUrls(`${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${reason}${cause}`);
}
