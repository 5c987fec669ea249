import type { ApiResult, Params } from './params';
import type { Triggers } from './triggers';
import type { Channel, Workspace } from './workspace';

export interface ApiContext {
  ws: Workspace;
  /** http://127.0.0.1:<port>, for URLs that point back at the stand-in (uploads). */
  origin: string;
  triggers: Triggers;
}

export type Handler = (ctx: ApiContext, p: Params) => ApiResult;

/**
 * The channel as the bot sees it: by id or name, or a user id meaning that user's DM with the app
 * when `userMeansDm`. A private channel the bot is not in is invisible, so Slack says channel_not_found.
 */
export function visibleChannel(ctx: ApiContext, ref: string | undefined, userMeansDm = false): Channel | undefined {
  if (!ref) return undefined;
  if (userMeansDm && /^[UW]/.test(ref)) return ctx.ws.users.has(ref) ? ctx.ws.dmWith(ref) : undefined;
  const channel = ctx.ws.channelByIdOrName(ref);
  if (!channel) return undefined;
  return channel.isPrivate && !channel.members.has(ctx.ws.bot.userId) ? undefined : channel;
}
