import { z } from 'zod';

/** The fields of a slash command we rely on; Slack sends more. */
export const ZSlashCommand = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});
export type TSlashCommand = z.infer<typeof ZSlashCommand>;

/**
 * Button values and private_metadata round-trip as JSON; this parses the text (bad JSON is a validation issue, not
 * a crash), then the caller's schema checks it.
 */
export const ZJsonText = z.string().transform((value, ctx) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'button value is not JSON' });
    return z.NEVER;
  }
});

/** `version`: what the card showed when it was drawn; cards posted before it was added carry none. */
export const ZEscalationButtonValue = ZJsonText.pipe(
  z.object({ escalationId: z.number().int().positive(), version: z.number().int().nonnegative().optional() }),
);

export const ZBlockAction = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string() }),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .object({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      view_id: z.string().optional(),
    })
    .optional(),
  message: z.object({ ts: z.string() }).passthrough().optional(),
  view: z.object({ id: z.string(), type: z.string() }).passthrough().optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), block_id: z.string().optional() }))
    .min(1),
});
export type TBlockAction = z.infer<typeof ZBlockAction>;
