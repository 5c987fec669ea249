/**
 * The trackers' webhook bodies, as they send them, turned into ticket updates. Only the fields Advocate reads are
 * checked (a body carries much more); a missing or malformed one is named in the 400.
 */
import { z } from 'zod';
import type { TTicketUpdate } from './theme-tickets';
import { TICKET_STATES, TICKET_URL_MAX_LENGTH, type TTicketState } from './ticket-refs';

const FUTURE_SKEW_MS = 5 * 60_000;
const isoDate = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as "2026-11-20T14:03:00Z"' })
  .transform((text) => new Date(text));

/**
 * GitHub's `issues` event (docs.github.com/webhooks/webhook-events-and-payloads#issues): `action`, the `issue`
 * (`html_url`, `title`, `state`, `updated_at`, `closed_at`) and the `repository`.
 */
export const githubIssuesEvent = z.object({
  action: z.string('must be the event action, e.g. "closed"'),
  issue: z.object({
    html_url: z.url('must be the issue URL'),
    title: z.string('must be text').max(10_000).nullish(),
    state: z.string('must be "open" or "closed"').optional(),
    updated_at: isoDate,
    closed_at: isoDate.nullish(),
  }),
  repository: z.object({ full_name: z.string('must be "owner/repo"') }).optional(),
});
export type TGithubIssuesEvent = z.infer<typeof githubIssuesEvent>;

/** What an `issues` delivery means for a ticket; null for actions that do not change its state (labeled, edited…). */
export function githubUpdate(event: TGithubIssuesEvent, deliveryId: string | undefined): TTicketUpdate | null {
  const state: TTicketState | null =
    event.action === 'closed' ? 'closed' : event.action === 'opened' || event.action === 'reopened' ? 'open' : null;
  if (!state) return null;
  return {
    source: 'github',
    url: event.issue.html_url,
    state,
    title: event.issue.title ?? null,
    at: state === 'closed' ? (event.issue.closed_at ?? event.issue.updated_at) : event.issue.updated_at,
    deliveryId,
  };
}

/**
 * Jira Cloud's `jira:issue_updated` (developer.atlassian.com/cloud/jira/platform/webhooks): `timestamp` (ms), the
 * `issue` (`key`, `self`, `fields.summary`, `fields.status.statusCategory.key`: `new`, `indeterminate`, `done`)
 * and the `changelog`, whose items say which fields changed.
 */
export const jiraWebhookEvent = z.object({
  webhookEvent: z.string('must be the event name, e.g. "jira:issue_updated"'),
  timestamp: z.number('must be the event time in milliseconds').int().positive(),
  issue: z
    .object({
      key: z
        .string('must be the issue key, e.g. "ENG-12"')
        .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'must be an issue key such as "ENG-12"'),
      self: z.url('must be the issue’s REST URL'),
      fields: z.object({
        summary: z.string('must be text').max(10_000).nullish(),
        status: z.object({
          name: z.string().optional(),
          statusCategory: z.object({ key: z.string('must be "new", "indeterminate" or "done"') }),
        }),
      }),
    })
    .optional(),
  changelog: z
    .object({
      id: z.union([z.string(), z.number()]).optional(),
      items: z.array(z.object({ field: z.string().nullish() })),
    })
    .nullish(),
});
export type TJiraWebhookEvent = z.infer<typeof jiraWebhookEvent>;

const JIRA_CATEGORY: Record<string, TTicketState> = { new: 'open', indeterminate: 'in_progress', done: 'closed' };

/** A status change of an issue; null for other events and updates that did not touch the status. */
export function jiraUpdate(event: TJiraWebhookEvent, deliveryId: string | undefined): TTicketUpdate | null {
  if (event.webhookEvent !== 'jira:issue_updated' || !event.issue) return null;
  if (!(event.changelog?.items ?? []).some((item) => item.field?.toLowerCase() === 'status')) return null;
  const state = JIRA_CATEGORY[event.issue.fields.status.statusCategory.key];
  if (!state) return null;
  const host = new URL(event.issue.self).host;
  return {
    source: 'jira',
    url: `https://${host}/browse/${event.issue.key.toUpperCase()}`,
    state,
    title: event.issue.fields.summary ?? null,
    at: new Date(event.timestamp),
    deliveryId,
  };
}

/** `POST /webhooks/tickets`: `{url|key, state, title?, at?}` from any other tracker (or a script). */
export function genericTicketUpdateSchema(now: () => Date) {
  return z
    .object({
      url: z.url('must be the ticket’s URL').max(TICKET_URL_MAX_LENGTH).optional(),
      key: z.string('must be text').trim().min(1, 'must not be empty').max(300).optional(),
      state: z.enum(TICKET_STATES, 'must be "open", "in_progress" or "closed"'),
      title: z.string('must be text').max(300, 'must be at most 300 characters').nullish(),
      at: isoDate
        .refine((date) => date.getTime() <= now().getTime() + FUTURE_SKEW_MS, 'must not be in the future')
        .optional(),
    })
    .refine((body) => body.url !== undefined || body.key !== undefined, {
      message: 'is required: send the ticket’s "url" or its "key"',
      path: ['url'],
    });
}
