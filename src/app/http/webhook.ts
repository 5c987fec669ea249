import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, readBody, sendJson, type TRoute } from './router';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;
export const WEBHOOK_MAX_ITEMS = 1000;

/** Compares digests, so neither the token's length nor its content leaks through timing. */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

/** "item 3: score: must be at most 10" — which item, which field, what is wrong. */
export function describeIssues(error: z.ZodError, batched: boolean): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => {
      const [first, ...rest] = issue.path;
      const item = batched && typeof first === 'number' ? `item ${first}: ` : '';
      const fieldPath = batched && typeof first === 'number' ? rest : issue.path;
      const field = fieldPath.length ? `${fieldPath.join('.')}: ` : '';
      return `${item}${field}${issue.message}`;
    })
    .join('; ');
}

export interface TWebhookRouteOptions<T> {
  path: string;
  /** Unset: the route answers 404, as if it did not exist. */
  token: string | undefined;
  item: z.ZodType<T>;
  /** Receives every item once the whole body is valid: nothing is half-written on a bad body. */
  handle(items: T[]): Promise<Record<string, unknown>>;
}

/** A bearer-token JSON webhook taking one object or an array of up to 1,000, validated as a whole before use. */
export function webhookRoute<T>(options: TWebhookRouteOptions<T>): TRoute {
  const batch = z.union([
    z
      .array(options.item)
      .min(1, 'send at least one item')
      .max(WEBHOOK_MAX_ITEMS, `send at most ${WEBHOOK_MAX_ITEMS} items per request`),
    options.item,
  ]);
  return {
    method: 'POST',
    path: options.path,
    handler: async (req: IncomingMessage, res) => {
      if (!options.token)
        return sendJson(res, 404, { error: `${options.path} is off: set SURVEY_WEBHOOK_TOKEN to enable it` });
      if (!bearerTokenMatches(req.headers.authorization, options.token)) {
        return sendJson(res, 401, {
          error: 'missing or wrong bearer token (Authorization: Bearer <SURVEY_WEBHOOK_TOKEN>)',
        });
      }
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendJson(res, 415, { error: 'send JSON with Content-Type: application/json' });
      }
      let raw: Buffer;
      try {
        raw = await readBody(req, WEBHOOK_BODY_LIMIT);
      } catch (error) {
        if (error instanceof BodyTooLarge)
          return sendJson(res, 413, { error: `${error.message} (64 KiB at most; split it into several requests)` });
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        return sendJson(res, 400, { error: `body is not valid JSON: ${(error as Error).message}` });
      }
      const parsed = batch.safeParse(json);
      if (!parsed.success) {
        const arrayError = Array.isArray(json) ? z.array(options.item).max(WEBHOOK_MAX_ITEMS).safeParse(json) : null;
        const error =
          arrayError && !arrayError.success
            ? arrayError.error
            : Array.isArray(json)
              ? parsed.error
              : options.item.safeParse(json).error!;
        return sendJson(res, 400, { error: describeIssues(error, Array.isArray(json)) });
      }
      const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
      sendJson(res, 200, await options.handle(items as T[]));
    },
  };
}
