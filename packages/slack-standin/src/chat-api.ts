import { type Handler, visibleChannel } from './api-context';
import { readMessageContent } from './message-content';
import { fail, flag, str } from './params';
import { channelJson, messageJson, permalink, userJson } from './shapes';

const MAX_MEMBERS_PAGE = 1000;

const authTest: Handler = ({ ws }) => ({
  ok: true,
  url: `https://${ws.team.domain}.slack.com/`,
  team: ws.team.name,
  user: ws.bot.name,
  team_id: ws.team.id,
  user_id: ws.bot.userId,
  bot_id: ws.bot.botId,
  is_enterprise_install: false,
});

const postMessage: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'), true);
  if (!channel) return fail('channel_not_found');
  if (!channel.members.has(ws.bot.userId)) return fail('not_in_channel');
  const content = readMessageContent(p);
  if ('error' in content) return content.error;
  const threadTs = str(p, 'thread_ts') || undefined;
  const metadata = p.metadata;
  if (metadata !== undefined && !isMessageMetadata(metadata)) return fail('invalid_metadata_format');
  const m = ws.post({
    channel: channel.id,
    user: ws.bot.userId,
    botId: ws.bot.botId,
    text: '',
    ...content,
    threadTs,
    ...(metadata !== undefined ? { metadata } : {}),
  });
  return { ok: true, channel: channel.id, ts: m.ts, message: messageJson(ws, m) };
};

/** Slack's message metadata: an event type and a JSON object payload. */
function isMessageMetadata(value: unknown): boolean {
  const metadata = value as { event_type?: unknown; event_payload?: unknown } | null;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof metadata.event_type === 'string' &&
    /^[a-z0-9_]+$/.test(metadata.event_type) &&
    typeof metadata.event_payload === 'object' &&
    metadata.event_payload !== null
  );
}

const withMetadata = (json: Record<string, unknown>, m: { metadata?: unknown }, include: boolean) =>
  include && m.metadata !== undefined ? { ...json, metadata: m.metadata } : json;

/** Top-level messages, newest first, between `oldest` and `latest` (exclusive), as Slack pages them. */
const history: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (!channel.imUser && !channel.members.has(ws.bot.userId)) return fail('not_in_channel');
  const limit = Number(str(p, 'limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 999) return fail('invalid_limit');
  const oldest = Number(str(p, 'oldest') ?? 0);
  const latest = Number(str(p, 'latest') ?? Number.POSITIVE_INFINITY);
  const include = flag(p, 'include_all_metadata');
  const found = ws
    .topLevel(channel.id)
    .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
    .reverse();
  return {
    ok: true,
    messages: found.slice(0, limit).map((m) => withMetadata(messageJson(ws, m), m, include)),
    has_more: found.length > limit,
  };
};

/** A thread: its parent first, then the replies, oldest first. */
const replies: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  const parent = ws.findMessage(channel.id, str(p, 'ts') ?? '');
  if (!parent) return fail('thread_not_found');
  const include = flag(p, 'include_all_metadata');
  const thread = [parent, ...ws.replies(channel.id, parent.ts)];
  return { ok: true, messages: thread.map((m) => withMetadata(messageJson(ws, m), m, include)), has_more: false };
};

const update: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  const m = ws.findMessage(channel.id, str(p, 'ts') ?? '');
  if (!m) return fail('message_not_found');
  if (m.user !== ws.bot.userId) return fail('cant_update_message');
  const content = readMessageContent(p, true);
  if ('error' in content) return content.error;
  ws.update(m, content);
  const message = { text: m.text, user: m.user, ...(m.blocks ? { blocks: m.blocks } : {}) };
  return { ok: true, channel: channel.id, ts: m.ts, text: m.text, message };
};

const postEphemeral: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (!channel.members.has(ws.bot.userId)) return fail('not_in_channel');
  const user = str(p, 'user') ?? '';
  if (!channel.members.has(user)) return fail('user_not_in_channel');
  const content = readMessageContent(p);
  if ('error' in content) return content.error;
  const threadTs = str(p, 'thread_ts') || undefined;
  const e = ws.postEphemeral({ channel: channel.id, user, text: content.text ?? '', blocks: content.blocks, threadTs });
  return { ok: true, message_ts: e.ts };
};

const getPermalink: Handler = (ctx, p) => {
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  const m = ctx.ws.findMessage(channel.id, str(p, 'message_ts') ?? '');
  if (!m) return fail('message_not_found');
  return { ok: true, channel: channel.id, permalink: permalink(ctx.ws, m) };
};

const join: Handler = (ctx, p) => {
  const { ws } = ctx;
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  if (channel.imUser) return fail('method_not_supported_for_channel_type');
  if (channel.members.has(ws.bot.userId)) {
    const warning = 'already_in_channel';
    return { ok: true, channel: channelJson(ws, channel), warning, response_metadata: { warnings: [warning] } };
  }
  ws.join(channel.id, ws.bot.userId);
  return { ok: true, channel: channelJson(ws, channel) };
};

const members: Handler = (ctx, p) => {
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  const limit = Number(str(p, 'limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MEMBERS_PAGE) return fail('invalid_limit');
  const cursor = str(p, 'cursor') ?? '';
  const offset = cursor ? Number(/^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1]) : 0;
  if (Number.isNaN(offset)) return fail('invalid_cursor');
  const all = [...channel.members];
  const next = offset + limit < all.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { ok: true, members: all.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
};

const open: Handler = (ctx, p) => {
  const { ws } = ctx;
  const byId = str(p, 'channel');
  if (byId) {
    const dm = visibleChannel(ctx, byId);
    return dm?.imUser ? { ok: true, channel: { id: dm.id } } : fail('channel_not_found');
  }
  const users = (str(p, 'users') ?? '').split(',').filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) return fail('standin_unsupported', { detail: 'group DMs are not modelled' });
  const userId = users[0] ?? '';
  if (!ws.users.has(userId)) return fail('user_not_found');
  const existed = [...ws.channels.values()].some((c) => c.imUser === userId);
  const dm = ws.dmWith(userId);
  const channel = flag(p, 'return_im') ? channelJson(ws, dm) : { id: dm.id };
  return { ok: true, ...(existed ? { no_op: true, already_open: true } : {}), channel };
};

const info: Handler = (ctx, p) => {
  const channel = visibleChannel(ctx, str(p, 'channel'));
  if (!channel) return fail('channel_not_found');
  const json = channelJson(ctx.ws, channel);
  return { ok: true, channel: flag(p, 'include_num_members') ? { ...json, num_members: channel.members.size } : json };
};

const usergroupUsers: Handler = ({ ws }, p) => {
  const users = ws.usergroups.get(str(p, 'usergroup') ?? '');
  return users ? { ok: true, users: [...users] } : fail('no_such_subteam');
};

const usersInfo: Handler = ({ ws }, p) => {
  const user = ws.users.get(str(p, 'user') ?? '');
  return user ? { ok: true, user: userJson(ws, user) } : fail('user_not_found');
};

/** Slack answers `users_not_found` (plural, unlike users.info) for an email no one in the workspace has. */
const usersLookupByEmail: Handler = ({ ws }, p) => {
  const email = (str(p, 'email') ?? '').trim().toLowerCase();
  if (!email) return fail('invalid_arguments');
  const user = [...ws.users.values()].find((u) => !u.isBot && u.email?.toLowerCase() === email);
  return user ? { ok: true, user: userJson(ws, user) } : fail('users_not_found');
};

export const CHAT_METHODS: Record<string, Handler> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.join': join,
  'conversations.members': members,
  'conversations.open': open,
  'conversations.info': info,
  'usergroups.users.list': usergroupUsers,
  'users.info': usersInfo,
  'users.lookupByEmail': usersLookupByEmail,
};
