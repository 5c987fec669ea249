import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { BodyTooLarge, readBody, sendJson } from './router';

/** Slack's own payloads are a few KiB; a modal with many blocks stays far below this. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/** Why this body cannot be a Slack request (it must be a JSON object, or a form whose `payload` is one), or null. */
export function slackBodyProblem(raw: Buffer, contentType: string | undefined): string | null {
  const text = raw.toString('utf8');
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  try {
    if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
      const { payload } = parseQuery(text);
      if (payload === undefined) return null;
      if (typeof payload !== 'string') return 'the form has more than one payload field';
      return isObject(JSON.parse(payload)) ? null : 'the payload field is not a JSON object';
    }
    return isObject(JSON.parse(text)) ? null : 'the body is not a JSON object';
  } catch (error) {
    return `the body is not valid JSON: ${(error as Error).message}`;
  }
}

/**
 * Reads a `/slack/events` body before Bolt does: at most SLACK_BODY_LIMIT bytes (413 beyond), and only a JSON object
 * (400 otherwise). Bolt's HTTPReceiver reads `req.rawBody` when it is already there, verifies the signature over it,
 * and would otherwise throw outside any catch on a (correctly signed) `null` body, leaving the request unanswered.
 * Returns false when this already answered.
 */
export async function bufferSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let raw: Buffer;
  try {
    raw = await readBody(req, SLACK_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      // The rest of the body is never read: the connection closes after this answer.
      res.setHeader('connection', 'close');
      sendJson(res, 413, { error: `${error.message}; Slack requests are at most 1 MiB` });
    } else {
      res.destroy(); // the client went away mid-body
    }
    return false;
  }
  const problem = slackBodyProblem(raw, req.headers['content-type']);
  if (problem) {
    sendJson(res, 400, { error: `not a Slack request: ${problem}` });
    return false;
  }
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
  return true;
}
