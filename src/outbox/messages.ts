import { z } from 'zod';

/**
 * What the domain wants Slack to show. Written in the same transaction as the change that causes it and sent
 * after commit by the outbox dispatcher, which renders cards from the database at send time.
 */
export const ZOutboxMessage = z.discriminatedUnion('kind', [
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
