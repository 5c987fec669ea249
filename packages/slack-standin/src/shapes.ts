import {
  type Channel,
  type Message,
  randomId,
  type StoredFile,
  type StoredView,
  type User,
  type Workspace,
} from './workspace';

// How stored state looks on the wire: the objects Slack's API responses and payloads carry.

export function fileJson(f: StoredFile): Record<string, unknown> {
  return {
    id: f.id,
    name: f.filename,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.mimetype === 'image/png' ? 'png' : 'binary',
    size: f.bytes?.length ?? f.length,
    ...(f.altText ? { alt_txt: f.altText } : {}),
  };
}

export function messageJson(ws: Workspace, m: Message): Record<string, unknown> {
  const replies = m.threadTs ? [] : ws.replies(m.channel, m.ts);
  const replyUsers = [...new Set(replies.map((r) => r.user))];
  return {
    type: 'message',
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: ws.team.id,
    ...(m.botId ? { bot_id: m.botId, app_id: ws.bot.appId } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.files ? { files: m.files.flatMap((id) => fileOf(ws, id)), upload: true } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: ws.findMessage(m.channel, m.threadTs)?.user } : {}),
    ...(replies.length > 0
      ? {
          thread_ts: m.ts,
          reply_count: replies.length,
          reply_users_count: replyUsers.length,
          reply_users: replyUsers,
          latest_reply: replies[replies.length - 1]?.ts,
        }
      : {}),
    ...(m.reactions.length > 0
      ? { reactions: m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })) }
      : {}),
    ...(m.edited ? { edited: m.edited } : {}),
  };
}

function fileOf(ws: Workspace, id: string): Record<string, unknown>[] {
  const f = ws.files.get(id);
  return f ? [fileJson(f)] : [];
}

export type ViewJson = Record<string, unknown> & {
  id: string;
  callback_id: string;
  private_metadata: string;
  state: { values: Record<string, unknown> };
};

/** Views carry a hash that changes with every version, for views.update's optimistic check. */
export function viewHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomId('', 8).toLowerCase()}`;
}

export function viewJson(ws: Workspace, v: StoredView, state: Record<string, unknown> = {}): ViewJson {
  const b = v.body;
  return {
    id: v.id,
    team_id: ws.team.id,
    type: v.type,
    ...(v.type === 'modal' ? { title: b.title } : {}),
    blocks: b.blocks,
    close: b.close ?? null,
    submit: b.submit ?? null,
    private_metadata: String(b.private_metadata ?? ''),
    callback_id: String(b.callback_id ?? ''),
    external_id: v.externalId,
    state: { values: state },
    hash: v.hash,
    clear_on_close: b.clear_on_close === true,
    notify_on_close: b.notify_on_close === true,
    root_view_id: v.id,
    previous_view_id: null,
    app_id: ws.bot.appId,
    app_installed_team_id: ws.team.id,
    bot_id: ws.bot.botId,
  };
}

export function channelJson(ws: Workspace, c: Channel): Record<string, unknown> {
  if (c.imUser) return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.imUser };
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: c.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: false,
    is_general: false,
    name_normalized: c.name,
    is_member: c.members.has(ws.bot.userId),
  };
}

export function userJson(ws: Workspace, u: User): Record<string, unknown> {
  return {
    id: u.id,
    team_id: ws.team.id,
    name: u.name,
    deleted: false,
    real_name: u.realName,
    tz: 'Etc/UTC',
    tz_offset: 0,
    is_bot: u.isBot,
    is_app_user: false,
    is_admin: false,
    is_restricted: u.guest !== undefined,
    is_ultra_restricted: u.guest === 'ultra_restricted',
    profile: {
      ...(u.email ? { email: u.email } : {}),
      real_name: u.realName,
      display_name: u.name,
      real_name_normalized: u.realName,
      display_name_normalized: u.name,
      team: ws.team.id,
      ...(u.isBot ? { bot_id: ws.bot.botId } : {}),
    },
  };
}

/** Slack's permalink shape; replies carry their thread so the link opens it. */
export function permalink(ws: Workspace, m: Message): string {
  const base = `https://${ws.team.domain}.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}`;
  return m.threadTs && m.threadTs !== m.ts ? `${base}?thread_ts=${m.threadTs}&cid=${m.channel}` : base;
}

/** The channel name Slack puts in payloads: private channels and DMs are masked. */
export function payloadChannelName(c: Channel): string {
  if (c.imUser) return 'directmessage';
  return c.isPrivate ? 'privategroup' : c.name;
}
