import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { applyTicketUpdate, type TTicketUpdate, type TTicketUpdateOutcome } from '../../core/themes/theme-tickets';
import {
  genericTicketUpdateSchema,
  githubIssuesEvent,
  githubUpdate,
  jiraUpdate,
  jiraWebhookEvent,
} from '../../core/themes/ticket-webhook-input';
import type { TSlackServices } from '../../slack/kit/slack-services';
import { BodyTooLarge, readBody, sendJson, type TRoute } from './router';
import { describeIssues, webhookRoute } from './webhook';

/**
 * Trackers send whole issues (GitHub: a body of up to 65,536 characters plus user and repository objects), so
 * their deliveries may be larger than a survey batch; anything bigger than this is refused with 413 unread.
 */
export const TRACKER_BODY_LIMIT = 1024 * 1024;

/** Equal-length digests compared in constant time: neither the secret nor the signature leaks through timing. */
function digestsMatch(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length > 0;
}

const hmacHex = (secret: string, raw: Buffer) => createHmac('sha256', secret).update(raw).digest('hex');
const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function readRaw(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  try {
    return await readBody(req, TRACKER_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      sendJson(res, 413, { error: `${error.message} (1 MiB at most)` });
      return null;
    }
    throw error;
  }
}

function parseJson(res: ServerResponse, text: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    sendJson(res, 400, { error: `body is not valid JSON: ${(error as Error).message}` });
    return { ok: false };
  }
}

function validate<T>(res: ServerResponse, schema: z.ZodType<T>, json: unknown): T | null {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  sendJson(res, 400, { error: describeIssues(parsed.error, false) });
  return null;
}

const answer = (outcome: TTicketUpdateOutcome) => ({
  matched: outcome.matched,
  applied: outcome.applied,
  duplicate: outcome.duplicate,
  ...(outcome.matched === 0 && !outcome.duplicate ? { ignored: 'no theme is linked to this ticket' } : {}),
});

async function apply(services: TSlackServices, res: ServerResponse, update: TTicketUpdate | null, what: string) {
  if (!update) return sendJson(res, 200, { ignored: what });
  sendJson(res, 200, answer(await applyTicketUpdate(services.deps, update)));
}

/**
 * `POST /webhooks/github`: GitHub `issues` events (opened, closed, reopened), signed with `X-Hub-Signature-256`
 * (`sha256=` + HMAC-SHA256 of the raw body keyed with GITHUB_WEBHOOK_SECRET); `ping` is answered. Off (404)
 * until the secret is set. The delivery id (`X-GitHub-Delivery`) is applied once.
 */
export function githubWebhookRoute(services: TSlackServices): TRoute {
  const secret = services.config.ticketWebhooks.githubSecret;
  return {
    method: 'POST',
    path: '/webhooks/github',
    handler: async (req, res) => {
      if (!secret)
        return sendJson(res, 404, { error: '/webhooks/github is off: set GITHUB_WEBHOOK_SECRET to enable it' });
      const raw = await readRaw(req, res);
      if (!raw) return;
      const signature = header(req, 'x-hub-signature-256') ?? '';
      if (!digestsMatch(signature, `sha256=${hmacHex(secret, raw)}`))
        return sendJson(res, 401, {
          error: 'missing or wrong X-Hub-Signature-256 (sha256=HMAC-SHA256 of the body with GITHUB_WEBHOOK_SECRET)',
        });
      const event = header(req, 'x-github-event') ?? '';
      if (event === 'ping') return sendJson(res, 200, { ok: true, pong: true });
      if (event !== 'issues') return sendJson(res, 200, { ignored: `event ${event || '(none)'}` });
      // GitHub sends application/json, or a form with the JSON in `payload` when the hook was set up that way.
      const form = /^application\/x-www-form-urlencoded\b/i.test(header(req, 'content-type') ?? '');
      const text = form ? (new URLSearchParams(raw.toString('utf8')).get('payload') ?? '') : raw.toString('utf8');
      const json = parseJson(res, text);
      if (!json.ok) return;
      const body = validate(res, githubIssuesEvent, json.json);
      if (!body) return;
      await apply(services, res, githubUpdate(body, header(req, 'x-github-delivery')), `action ${body.action}`);
    },
  };
}

/**
 * `POST /webhooks/jira`: Jira Cloud `jira:issue_updated` with a status change. Authenticated as Atlassian allows
 * for admin webhooks: a secret set on the webhook makes Jira sign the body (`X-Hub-Signature: sha256=<hex>`,
 * HMAC-SHA256 keyed with JIRA_WEBHOOK_SECRET); a webhook without one (or Jira Automation's "Send web request")
 * puts the secret in the URL, `?secret=<JIRA_WEBHOOK_SECRET>`. Off (404) until the secret is set.
 */
export function jiraWebhookRoute(services: TSlackServices): TRoute {
  const secret = services.config.ticketWebhooks.jiraSecret;
  return {
    method: 'POST',
    path: '/webhooks/jira',
    handler: async (req, res) => {
      if (!secret) return sendJson(res, 404, { error: '/webhooks/jira is off: set JIRA_WEBHOOK_SECRET to enable it' });
      const raw = await readRaw(req, res);
      if (!raw) return;
      const signature = header(req, 'x-hub-signature');
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('secret');
      const authentic =
        signature !== undefined
          ? digestsMatch(signature, `sha256=${hmacHex(secret, raw)}`)
          : query !== null && digestsMatch(query, secret);
      if (!authentic)
        return sendJson(res, 401, {
          error:
            'missing or wrong X-Hub-Signature (sha256=HMAC-SHA256 of the body with JIRA_WEBHOOK_SECRET) or ?secret=',
        });
      const json = parseJson(res, raw.toString('utf8'));
      if (!json.ok) return;
      const body = validate(res, jiraWebhookEvent, json.json);
      if (!body) return;
      const deliveryId = header(req, 'x-atlassian-webhook-identifier');
      await apply(services, res, jiraUpdate(body, deliveryId), `${body.webhookEvent} without a status change`);
    },
  };
}

/** `POST /webhooks/tickets`: `{url|key, state, title?, at?}` (or an array), bearer SURVEY_WEBHOOK_TOKEN. */
export function genericTicketsWebhookRoute(services: TSlackServices): TRoute {
  const { deps } = services;
  return webhookRoute({
    path: '/webhooks/tickets',
    token: services.config.surveyWebhookToken,
    item: genericTicketUpdateSchema(() => deps.clock.now()),
    handle: async (items) => {
      let matched = 0;
      let applied = 0;
      let duplicates = 0;
      for (const item of items) {
        const outcome = await applyTicketUpdate(deps, {
          source: 'generic',
          url: item.url,
          key: item.url ? undefined : item.key,
          state: item.state,
          title: item.title ?? null,
          at: item.at ?? deps.clock.now(),
        });
        matched += outcome.matched;
        applied += outcome.applied;
        if (outcome.duplicate) duplicates += 1;
      }
      return { accepted: items.length, matched, applied, duplicates };
    },
  });
}
