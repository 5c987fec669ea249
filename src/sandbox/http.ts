import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { BodyTooLarge, readBody, sendJson } from '../app/http/router';
import { describeIssues } from '../app/http/webhook';

const BODY_LIMIT = 256 * 1024;

/**
 * Reads a JSON body for the page's API. Only `application/json` is taken: a browser cannot send that cross-site
 * without a preflight, which nothing here answers, so another website cannot act in the sandbox.
 */
export async function readJson<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | null> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, { ok: false, error: 'send JSON with Content-Type: application/json' });
    return null;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, BODY_LIMIT);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    sendJson(res, 413, { ok: false, error: error.message });
    return null;
  }
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch (error) {
    sendJson(res, 400, { ok: false, error: `body is not valid JSON: ${(error as Error).message}` });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    sendJson(res, 400, { ok: false, error: describeIssues(parsed.error, false) });
    return null;
  }
  return parsed.data;
}

/** A refusal the person should read, with its HTTP status. */
export class SandboxRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
