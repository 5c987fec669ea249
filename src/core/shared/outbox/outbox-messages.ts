import { z } from 'zod';
import { ZAtRiskReason } from '../../customers/at-risk-rules';
import { ZFixOutcome } from '../../themes/fix-outcome-schema';

/**
 * What happened to an escalation, for its card's thread and its reporter; the Slack side (slack/escalations) says it in words at send
 * time. `from`/`to` are the timeline's values: the previous owner of a reassignment, the severities of a raise, the
 * status a reopen returns to.
 */
export const ZEscalationEvent = z.object({
  type: z.enum(['claimed', 'reassigned', 'resolved', 'reopened', 'severity_raised', 'withdrawn']),
  actorId: z.string(),
  via: z.string(),
  from: z.string().nullish(),
  to: z.string().nullish(),
  /** What the advocate wrote with the change (`resolve ADV-4 fixed in 2.3`): the reporter hears it. */
  note: z.string().nullish(),
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

/** An SLA warning (at SLA_WARN_FRACTION of a target) or breach, as decided when the tick found it due. */
export const ZSlaNotice = z.object({
  target: z.enum(['claim', 'resolve']),
  stage: z.enum(['warning', 'breach']),
  severity: z.string(),
  /** The escalation's owner when claimed: the warning mentions them. */
  ownerId: z.string().nullable(),
  targetMs: z.number(),
  /** ISO time the target falls or fell due. */
  dueAt: z.string(),
  customer: z.string().nullable(),
  summary: z.string(),
  /** A warning's share of the target spent (SLA_WARN_FRACTION). */
  fraction: z.number().optional(),
});
export type TSlaNotice = z.infer<typeof ZSlaNotice>;

const ZThemeName = z.object({ id: z.number().int(), title: z.string() });

/** Other news for an escalation card's thread: what a theme, a survey or the at-risk watch did to it. */
export const ZEscalationNote = z.discriminatedUnion('type', [
  /** `resolvedNow`: this resolution resolved the escalation (else it was resolved before). */
  z.object({
    type: z.literal('theme_resolved'),
    theme: ZThemeName,
    actorId: z.string(),
    note: z.string(),
    resolvedNow: z.boolean(),
  }),
  z.object({
    type: z.literal('theme_linked'),
    theme: ZThemeName,
    actorId: z.string(),
    fromThemeId: z.number().int().nullable(),
  }),
  /** The customer is now at risk only because of this open escalation. */
  z.object({ type: z.literal('customer_at_risk'), customerName: z.string() }),
  /** A detractor response from a survey tool, an import or `/advocate nps`, joined to this open escalation. */
  z.object({
    type: z.literal('detractor_joined'),
    customerName: z.string(),
    survey: z.string(),
    score: z.number(),
    comment: z.string().nullable(),
    recordedById: z.string().nullable(),
  }),
  /** Several detractor responses (an import, a webhook batch) joined this open escalation at once: one line. */
  z.object({
    type: z.literal('detractors_joined'),
    customerName: z.string(),
    count: z.number().int(),
    /** "NPS 2", at most 20 of them. */
    scores: z.array(z.string()),
    latestComment: z.string().nullable(),
  }),
  /** An advocate added a detractor response to this escalation from the digest. */
  z.object({
    type: z.literal('detractor_added'),
    actorId: z.string(),
    survey: z.string(),
    score: z.number(),
    comment: z.string().nullable(),
  }),
]);
export type TEscalationNote = z.infer<typeof ZEscalationNote>;

const ZTicketName = z.object({ url: z.string(), label: z.string() });

/** News for a theme card's thread. `source`: the tracker that sent a ticket's update (github, jira, …). */
export const ZThemeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket_linked'), actorId: z.string(), ticket: ZTicketName }),
  z.object({ type: z.literal('ticket_unlinked'), actorId: z.string(), ticket: ZTicketName }),
  z.object({ type: z.literal('ticket_state'), ticket: ZTicketName, state: z.string(), source: z.string() }),
  /** A closed ticket opened again while the theme waited on all of them: not every ticket is closed any more. */
  z.object({ type: z.literal('fix_reopened'), ticket: ZTicketName, state: z.string() }),
  /** A ticket opened again after the theme was resolved. */
  z.object({ type: z.literal('reopened_after_resolve'), ticket: ZTicketName, source: z.string() }),
  z.object({ type: z.literal('resolved'), actorId: z.string(), threads: z.number().int(), agents: z.number().int() }),
  /** Escalations linked to this (existing) theme; `movedFromThemeIds`: the themes some of them left. */
  z.object({
    type: z.literal('escalations_linked'),
    actorId: z.string(),
    escalationIds: z.array(z.number().int()),
    movedFromThemeIds: z.array(z.number().int()),
  }),
  z.object({
    type: z.literal('escalations_moved_away'),
    actorId: z.string(),
    escalationIds: z.array(z.number().int()),
    to: ZThemeName,
  }),
  /** Every linked ticket is closed: the prompt to resolve the theme and tell its customers and agents. */
  z.object({
    type: z.literal('tickets_closed'),
    theme: ZThemeName,
    customers: z.number().int().min(0),
    agents: z.number().int().min(0),
  }),
]);
export type TThemeEvent = z.infer<typeof ZThemeEvent>;

/** The DM to an agent whose escalations a theme's resolution covers. */
export const ZThemeResolvedNotice = z.object({
  kind: z.literal('theme.resolved.notice'),
  userId: z.string(),
  theme: ZThemeName,
  actorId: z.string(),
  note: z.string(),
  /** The agent's escalations (at most the few a DM lists) and whether this resolution resolved each. */
  escalations: z.array(z.object({ id: z.number().int(), summary: z.string(), resolvedNow: z.boolean() })),
  total: z.number().int(),
});
export type TThemeResolvedNotice = z.infer<typeof ZThemeResolvedNotice>;

/** A customer that became at risk, with the reasons the advocate channel's announcement lists. */
export const ZAtRiskAnnouncement = z.object({
  customerId: z.number().int(),
  name: z.string(),
  arr: z.number().nullable(),
  reasons: z.array(ZAtRiskReason).min(1),
});
export type TAtRiskAnnouncement = z.infer<typeof ZAtRiskAnnouncement>;

/**
 * What the domain wants Slack to show. Written in the same transaction as the change that causes it and sent
 * after commit by the outbox dispatcher, which words every message at send time (cards from the database). Rows of
 * kinds older versions queued as ready words were marked dead by the migration `retire_worded_outbox_kinds`.
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
  z.object({ kind: z.literal('escalation.note'), escalationId: z.number().int(), note: ZEscalationNote }),
  z.object({ kind: z.literal('theme.event'), themeId: z.number().int(), event: ZThemeEvent }),
  /** A scheduled outcome check of a resolved theme (`days` after it), as computed at the check, in its card's thread. */
  z.object({
    kind: z.literal('theme.outcome'),
    themeId: z.number().int(),
    days: z.number(),
    outcome: ZFixOutcome,
  }),
  ZThemeResolvedNotice,
  /** An SLA reminder in the escalation card's thread; waits until the card exists. */
  z.object({ kind: z.literal('escalation.reminder'), escalationId: z.number().int(), reminder: ZSlaReminder }),
  /** An SLA warning or breach in the escalation card's thread; waits until the card exists. */
  z.object({ kind: z.literal('escalation.sla'), escalationId: z.number().int(), notice: ZSlaNotice }),
  /** A breach escalated up: one post in SLA_BREACH_CHANNEL_ID, mentioning the leads' group when there is one. */
  z.object({
    kind: z.literal('escalation.sla.up'),
    escalationId: z.number().int(),
    channelId: z.string(),
    leadsUsergroupId: z.string().nullable(),
    notice: ZSlaNotice,
  }),
  /** A customer became at risk: announced in `channelId`. */
  z.object({ kind: z.literal('customer.at-risk'), channelId: z.string(), announcement: ZAtRiskAnnouncement }),
  /** Many customers became at risk at once (a first import): one message naming the first few and counting all. */
  z.object({
    kind: z.literal('customers.at-risk.crowd'),
    channelId: z.string(),
    names: z.array(z.string()),
    total: z.number().int(),
  }),
  /** The DM to whoever subscribed `channelId` to a digest that could not be posted there (`reason`: Slack's error). */
  z.object({
    kind: z.literal('digest.unreachable'),
    userId: z.string(),
    digest: z.string(),
    channelId: z.string(),
    reason: z.string(),
  }),
  /** A DM to the account owner: an escalation of their account was flagged, claimed, taken over or resolved. */
  z.object({
    kind: z.literal('owner.notice'),
    userId: z.string(),
    escalationId: z.number().int(),
    event: z.enum(['flagged', 'claimed', 'reassigned', 'resolved']),
    actorId: z.string(),
  }),
  /** A DM to the account owner: their account just turned at risk. */
  z.object({ kind: z.literal('owner.at-risk'), userId: z.string(), announcement: ZAtRiskAnnouncement }),
  /** A DM to the account owner: a theme affecting their account was resolved; tell the customer, then press the button. */
  z.object({
    kind: z.literal('owner.theme-resolved'),
    userId: z.string(),
    themeId: z.number().int(),
    customerId: z.number().int(),
  }),
  z.object({ kind: z.literal('card.post'), escalationId: z.number().int() }),
  /**
   * The agent's "flagged as ADV-n", queued in the flag's transaction and leased to the process that answers the
   * command from memory (which marks it sent once it has); it is sent from here, as a DM, only when that process died
   * first, so a stored flag always tells its agent its id.
   */
  z.object({ kind: z.literal('flag.confirmation'), escalationId: z.number().int() }),
  z.object({ kind: z.literal('card.update'), escalationId: z.number().int() }),
  z.object({ kind: z.literal('theme.card.post'), themeId: z.number().int() }),
  z.object({ kind: z.literal('theme.card.update'), themeId: z.number().int() }),
  /** The storm's one top-level message in the advocate channel, worded from the database at send time. */
  z.object({ kind: z.literal('storm.post'), stormId: z.number().int() }),
  /** The storm's message as it is now (count, customers, over or not); queued at most once per few seconds. */
  z.object({ kind: z.literal('storm.update'), stormId: z.number().int() }),
]);
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

export interface TOutboxItem {
  /** Same key, same message: a retried or repeated change never tells anyone twice. */
  dedupeKey: string;
  message: TOutboxMessage;
}
