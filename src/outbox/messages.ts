import { z } from 'zod';

/**
 * What happened to an escalation, for its card's thread and its reporter; slack/render says it in words at send
 * time. `from`/`to` are the timeline's values: the previous owner of a reassignment, the severities of a raise, the
 * status a reopen returns to.
 */
export const ZEscalationEvent = z.object({
  type: z.enum(['claimed', 'reassigned', 'resolved', 'reopened', 'severity_raised']),
  actorId: z.string(),
  via: z.string(),
  from: z.string().nullish(),
  to: z.string().nullish(),
});
export type TEscalationEvent = z.infer<typeof ZEscalationEvent>;

/** An unclaimed escalation that has passed `breaches` multiples of its severity's SLA limit. */
export const ZSlaReminder = z.object({
  severity: z.string(),
  ageMs: z.number(),
  limitMs: z.number(),
  breaches: z.number().int(),
  /** Who the reminder calls on: the advocates' user group, or @here (already Slack markup, from config). */
  mention: z.string(),
});
export type TSlaReminder = z.infer<typeof ZSlaReminder>;

/**
 * What the domain wants Slack to show. Written in the same transaction as the change that causes it and sent
 * after commit by the outbox dispatcher, which renders cards from the database at send time. The kinds carrying
 * `text` are how older versions queued words; they stay readable and sendable for rows still waiting in an outbox.
 */
export const ZOutboxMessage = z.discriminatedUnion('kind', [
  /** A line in the escalation card's thread saying what happened; waits until the card exists. */
  z.object({ kind: z.literal('escalation.event'), escalationId: z.number().int(), event: ZEscalationEvent }),
  /** A DM telling the reporter what happened to their escalation; `summary` as it was at the change. */
  z.object({
    kind: z.literal('reporter.notice'),
    userId: z.string(),
    escalationId: z.number().int(),
    summary: z.string(),
    event: ZEscalationEvent,
  }),
  /** An SLA reminder in the escalation card's thread; waits until the card exists. */
  z.object({ kind: z.literal('escalation.reminder'), escalationId: z.number().int(), reminder: ZSlaReminder }),
  z.object({ kind: z.literal('card.post'), escalationId: z.number().int() }),
  z.object({ kind: z.literal('card.update'), escalationId: z.number().int() }),
  /** A line in the escalation card's thread; waits until the card exists. */
  z.object({ kind: z.literal('thread.line'), escalationId: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('direct.message'), userId: z.string(), text: z.string() }),
  z.object({ kind: z.literal('ephemeral'), channelId: z.string(), userId: z.string(), text: z.string() }),
  z.object({
    kind: z.literal('channel.message'),
    channelId: z.string(),
    text: z.string(),
    /** Rendered by the dispatcher from a named view, so the domain never builds Block Kit. */
    view: z.object({ name: z.string(), data: z.unknown() }).optional(),
  }),
  z.object({ kind: z.literal('theme.card.post'), themeId: z.number().int() }),
  z.object({ kind: z.literal('theme.card.update'), themeId: z.number().int() }),
  /** A line in the theme card's thread; waits until the card exists. */
  z.object({
    kind: z.literal('theme.thread.line'),
    themeId: z.number().int(),
    text: z.string(),
    /** Blocks rendered by the dispatcher from a named view (e.g. the "all tickets closed" prompt's button). */
    view: z.object({ name: z.string(), data: z.unknown() }).optional(),
  }),
]);
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

export interface TOutboxItem {
  /** Same key, same message: a retried or repeated change never tells anyone twice. */
  dedupeKey: string;
  message: TOutboxMessage;
}
