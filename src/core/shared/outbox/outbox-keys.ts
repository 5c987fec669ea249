/**
 * Every outbox dedupe key, built here and nowhere else. A key is what makes a retried or repeated change silent (the
 * unique index skips a key already queued), so its shape is part of the stored data: rows queued by an older version
 * carry these exact strings, and changing one would send its message again. Keys of one escalation start with
 * `escalation:<id>:` and keys of one theme with `theme:<id>:` (see `outboxKeyPrefix`).
 */

/** The parts one theme event queues: its own card and thread, and the cards and threads of its escalations. */
type TThemeEventPart = 'card' | 'thread' | `card:${number}` | `thread:${number}` | `agent:${string}`;

const escalation = (escalationId: number) => `escalation:${escalationId}`;
const theme = (themeId: number) => `theme:${themeId}`;
const ticket = (themeId: number, ticketId: number) => `${theme(themeId)}:ticket:${ticketId}`;

export const outboxKey = {
  /** The storm's message: posted once, ever. */
  stormMessage: (stormId: number) => `storm:${stormId}:message`,
  /** One update of the storm's message per slot of a few seconds: flags in between share it. */
  stormUpdate: (stormId: number, slot: number) => `storm:${stormId}:update:${slot}`,
  /** The storm's last word ("Storm over: …"). */
  stormOver: (stormId: number) => `storm:${stormId}:over`,
  /** The storm's message after its escalations went to a theme. */
  stormThemed: (stormId: number, themeId: number) => `storm:${stormId}:theme:${themeId}`,
  /** The escalation's card: posted once, ever. */
  escalationCard: (escalationId: number) => `${escalation(escalationId)}:card`,
  /** The flagging agent's confirmation, queued with the flag so a crash cannot lose it. */
  flagConfirmation: (escalationId: number) => `${escalation(escalationId)}:confirmation`,
  /** What one version of an escalation tells: its card, its thread, its reporter. */
  escalationChange: (escalationId: number, version: number, part: 'card' | 'thread' | 'reporter' | 'owner') =>
    `${escalation(escalationId)}:v${version}:${part}`,
  /** The account owner's DM about a new escalation of their account. */
  escalationFlaggedOwner: (escalationId: number) => `${escalation(escalationId)}:owner:flagged`,
  /** The account owner's DM about the at-risk announcement of that day. */
  customerAtRiskOwner: (customerId: number, day: string) => `customer:${customerId}:at-risk:${day}:owner`,
  /** The account owner's DM about a resolved theme, one per affected account. */
  themeResolvedOwner: (themeId: number, customerId: number) => `${theme(themeId)}:resolve:owner:${customerId}`,
  /** The theme card after an owner said they told their customer (one timeline entry). */
  customerTold: (themeId: number, entryId: number) => `${theme(themeId)}:customer-told:${entryId}:card`,
  /** The n-th SLA reminder in the card's thread. */
  slaReminder: (escalationId: number, breaches: number) => `${escalation(escalationId)}:reminder:${breaches}`,
  /** An SLA warning or breach: one per escalation per target, ever (the breach channel's post has its own). */
  slaNotice: (escalationId: number, target: 'claim' | 'resolve', stage: 'warning' | 'breach' | 'breach:up' | 'card') =>
    `${escalation(escalationId)}:sla:${target}:${stage}`,
  /** A card naming a customer that was merged into another. */
  customerMerged: (escalationId: number, aliasCustomerId: number) =>
    `${escalation(escalationId)}:customer-merged:${aliasCustomerId}`,
  /** A survey response joined to an open escalation's thread. */
  surveyBridge: (responseId: number, escalationId: number) => `survey:${responseId}:bridge:${escalationId}`,
  /** One announcement per customer per local day. */
  customerAtRisk: (customerId: number, day: string) => `customer:${customerId}:at-risk:${day}`,
  /** The one message naming many customers that became at risk at once. */
  atRiskCrowd: (at: Date) => `customers:at-risk:crowd:${at.toISOString()}`,
  /** The DM telling a subscriber that their digest could not be posted. */
  digestUnreachable: (digest: { kind: string; channelId: string; period: string }) =>
    `digest:${digest.kind}:${digest.channelId}:${digest.period}:unreachable`,

  /** The theme's card: posted once, ever. */
  themeCard: (themeId: number) => `${theme(themeId)}:card`,
  /** A theme card following one version of a linked escalation. */
  themeFollowsEscalation: (themeId: number, escalationId: number, version: number) =>
    `${theme(themeId)}:${escalation(escalationId)}:v${version}:card`,
  themeResolved: (themeId: number, part: TThemeEventPart) => `${theme(themeId)}:resolve:${part}`,
  /** Escalations linked to a theme by one timeline entry; `from` parts are the themes they moved away from. */
  themeLinked: (themeId: number, entryId: number, part: TThemeEventPart | `from:${number}:${'card' | 'thread'}`) =>
    `${theme(themeId)}:link:${entryId}:${part}`,
  /** One scheduled outcome check (`days` as configured) of one resolution's follow-up. */
  themeOutcomeCheck: (themeId: number, followUpId: number, days: string, part: 'thread' | 'card') =>
    `${theme(themeId)}:outcome:${followUpId}:${days}:${part}`,
  ticketLinked: (themeId: number, ticketId: number, entryId: number) =>
    `${ticket(themeId, ticketId)}:linked:${entryId}`,
  ticketsLinkedCard: (themeId: number, at: Date, ticketKeys: string[]) =>
    `${theme(themeId)}:tickets-linked:${at.getTime()}:${ticketKeys.join(',')}:card`,
  ticketUnlinked: (themeId: number, ticketId: number, entryId: number, part: 'card' | 'thread') =>
    `${ticket(themeId, ticketId)}:unlinked:${entryId}:${part}`,
  /** A tracker's update of one ticket, at the time the tracker gave it. */
  ticketUpdate: (
    themeId: number,
    ticketId: number,
    update: { state: string; at: Date },
    part: 'card' | 'thread' | 'title:card' | 'resolved-reopen',
  ) => `${ticket(themeId, ticketId)}:${update.state}:${update.at.getTime()}:${part}`,
  /** One "all linked tickets are closed" episode of a theme. */
  ticketsClosed: (themeId: number, episode: number, part: 'prompt' | 'card' | 'ended:card' | 'reopened') =>
    `${theme(themeId)}:tickets-closed:${episode}:${part}`,
};

/** The start of every key of this escalation or theme, for finding what is still unsent about it. */
export const outboxKeyPrefix = {
  escalation: (escalationId: number) => `${escalation(escalationId)}:`,
  theme: (themeId: number) => `${theme(themeId)}:`,
};
