import type { Ephemeral, Message, Workspace } from '@advocate/slack-standin';
import type { TRenderContext } from '@advocate/slack-standin/render';
import { blocksToHtml, emojiFor, messageBodyHtml, messageTime, plainText } from '@advocate/slack-standin/render';
import { peopleOf, type TPerson, type TSandboxDirectory } from './people';

export interface TMessageView {
  ts: string;
  channel: string;
  user: string;
  author: string;
  isApp: boolean;
  ephemeral: boolean;
  edited: boolean;
  time: string;
  fullTime: string;
  html: string;
  files: Array<{ id: string; title: string; url: string; isImage: boolean }>;
  reactions: Array<{ name: string; glyph: string | null; count: number; mine: boolean; who: string }>;
  replies: TMessageView[];
}

export interface TChannelView {
  id: string;
  name: string;
  member: boolean;
  messages: TMessageView[];
}

export interface TModalView {
  id: string;
  title: string;
  submit: string | null;
  close: string;
  html: string;
}

/** Everything the page shows one person: the channels, their App Home (both tabs) and any modal they have open. */
export interface TPageState {
  bootId: string;
  seq: number;
  me: string;
  people: TPerson[];
  channels: TChannelView[];
  home: { html: string } | null;
  messagesTab: TMessageView[];
  modal: TModalView | null;
}

export interface TPageStateOptions extends TSandboxDirectory {
  ws: Workspace;
  bootId: string;
  userId: string;
  timeZone: string;
  now: Date;
  fileUrl(fileId: string): string;
}

function renderContext(options: TPageStateOptions): TRenderContext {
  const { ws } = options;
  const channels = () => [...ws.channels.values()].filter((c) => !c.imUser).map((c) => ({ id: c.id, name: c.name }));
  return {
    userName: (id) => ws.users.get(id)?.name,
    channelName: (id) => ws.channels.get(id)?.name,
    usergroupName: (id) => (id === options.usergroupId ? 'advocates' : undefined),
    people: () => [...ws.users.values()].filter((u) => !u.isBot).map((u) => ({ id: u.id, name: u.name })),
    channels,
    timeZone: options.timeZone,
    now: options.now,
    permalinkHost: `${ws.team.domain}.slack.com`,
    fileUrl: options.fileUrl,
  };
}

function messageView(
  message: Message | Ephemeral,
  ephemeral: boolean,
  options: TPageStateOptions,
  ctx: TRenderContext,
): TMessageView {
  const { ws, userId } = options;
  const author = ws.users.get(message.user);
  const time = messageTime(message.ts, options.timeZone);
  const stored = 'reactions' in message ? message : undefined;
  const files = (stored?.files ?? []).flatMap((id) => {
    const file = ws.files.get(id);
    return file
      ? [{ id, title: file.title, url: options.fileUrl(id), isImage: file.mimetype.startsWith('image/') }]
      : [];
  });
  return {
    ts: message.ts,
    channel: message.channel,
    user: message.user,
    // Ephemerals come from the app, whatever user field they carry (it is the person who sees them).
    author: ephemeral ? ws.bot.name : (author?.name ?? message.user),
    isApp: ephemeral || Boolean(stored?.botId) || Boolean(author?.isBot),
    ephemeral,
    edited: Boolean(stored?.edited),
    time: time.short,
    fullTime: time.full,
    html: messageBodyHtml(message, ctx),
    files,
    reactions: (stored?.reactions ?? []).map((reaction) => ({
      name: reaction.name,
      glyph: emojiFor(reaction.name) ?? null,
      count: reaction.users.length,
      mine: reaction.users.includes(userId),
      who: reaction.users.map((id) => ws.users.get(id)?.name ?? id).join(', '),
    })),
    replies: [],
  };
}

const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts) || a.ts.localeCompare(b.ts);

/** A channel as one person sees it: its messages with their threads, plus the ephemerals shown only to them. */
function channelMessages(channelId: string, options: TPageStateOptions, ctx: TRenderContext): TMessageView[] {
  const { ws, userId } = options;
  const mine = ws.ephemerals.filter((e) => e.channel === channelId && e.user === userId);
  const top = ws.topLevel(channelId).map((m) => {
    const view = messageView(m, false, options, ctx);
    const replies = ws.replies(channelId, m.ts).map((r) => messageView(r, false, options, ctx));
    const whispered = mine.filter((e) => e.threadTs === m.ts).map((e) => messageView(e, true, options, ctx));
    return { ...view, replies: [...replies, ...whispered].sort(byTs) };
  });
  const threads = new Set(top.map((m) => m.ts));
  // An ephemeral in a thread the page cannot show (its parent is gone) still shows, at the top level.
  const loose = mine
    .filter((e) => !e.threadTs || !threads.has(e.threadTs))
    .map((e) => messageView(e, true, options, ctx));
  return [...top, ...loose].sort(byTs);
}

export function pageState(options: TPageStateOptions): TPageState {
  const { ws, userId } = options;
  const ctx = renderContext(options);
  const channels = [...ws.channels.values()]
    .filter((c) => !c.imUser)
    .map((c) => ({
      id: c.id,
      name: c.name,
      member: c.members.has(userId),
      messages: channelMessages(c.id, options, ctx),
    }));
  const dm = [...ws.channels.values()].find((c) => c.imUser === userId);
  const home = ws.homeOf(userId);
  const modal = [...ws.views.values()].filter((v) => v.open && v.type === 'modal' && v.userId === userId).at(-1);
  return {
    bootId: options.bootId,
    seq: ws.lastSeq,
    me: userId,
    people: peopleOf(ws, options),
    channels,
    home: home ? { html: blocksToHtml(home.body.blocks, ctx) } : null,
    messagesTab: dm ? channelMessages(dm.id, options, ctx) : [],
    modal: modal
      ? {
          id: modal.id,
          title: plainText(modal.body.title),
          submit: plainText(modal.body.submit) || null,
          close: plainText(modal.body.close) || 'Cancel',
          html: blocksToHtml(modal.body.blocks, ctx),
        }
      : null,
  };
}
