import { randomBytes } from 'node:crypto';

export interface WorkspaceSeed {
  team: { id: string; name: string; domain: string };
  bot: { userId: string; botId: string; appId: string; name: string };
  /** `guest`: a multi-channel (`restricted`) or single-channel (`ultra_restricted`) guest, as users.info says. */
  users: Array<{
    id: string;
    name: string;
    realName?: string;
    email?: string;
    guest?: 'restricted' | 'ultra_restricted';
  }>;
  channels: Array<{ id: string; name: string; isPrivate?: boolean; members: string[]; botMember?: boolean }>;
  usergroups: Record<string, string[]>;
}

export interface User {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  guest?: 'restricted' | 'ultra_restricted';
  /** users.lookupByEmail finds a person by it. */
  email?: string;
}

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  /** Set for a DM between the app and this user. */
  imUser?: string;
  members: Set<string>;
  created: number;
}

export interface Message {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: string[];
  threadTs?: string;
  /** Set for messages the app posted. */
  botId?: string;
  /** Message metadata the app attached (`{event_type, event_payload}`), returned by history with include_all_metadata. */
  metadata?: unknown;
  reactions: Array<{ name: string; users: string[] }>;
  edited?: { user: string; ts: string };
}

export interface Ephemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
}

export interface StoredView {
  id: string;
  userId: string;
  type: 'modal' | 'home';
  /** The view as the app sent it, with Slack's generated block_ids filled in. */
  body: Record<string, unknown>;
  hash: string;
  open: boolean;
  externalId: string;
}

export interface StoredFile {
  id: string;
  filename: string;
  title: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
  mimetype: string;
  channelId?: string;
  threadTs?: string;
}

export type ChangeKind =
  | 'message_posted'
  | 'message_updated'
  | 'message_deleted'
  | 'ephemeral_posted'
  | 'reaction_added'
  | 'reaction_removed'
  | 'view_opened'
  | 'view_updated'
  | 'view_closed'
  | 'home_published'
  | 'file_uploaded'
  | 'member_joined'
  | 'member_left'
  | 'reset';

export interface Change {
  seq: number;
  at: number;
  kind: ChangeKind;
  channel?: string;
  ts?: string;
  user?: string;
  viewId?: string;
  fileId?: string;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  return prefix + Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

/** In-memory model of one workspace with our app installed; every change lands in an ordered log. */
export class Workspace {
  readonly team: WorkspaceSeed['team'];
  readonly bot: WorkspaceSeed['bot'];
  readonly users = new Map<string, User>();
  readonly usergroups = new Map<string, string[]>();
  channels = new Map<string, Channel>();
  messages = new Map<string, Message[]>();
  ephemerals: Ephemeral[] = [];
  views = new Map<string, StoredView>();
  files = new Map<string, StoredFile>();
  private log: Change[] = [];
  private seq = 0;
  private lastMicros = 0;

  constructor(private readonly seed: WorkspaceSeed) {
    this.team = seed.team;
    this.bot = seed.bot;
    this.users.set(seed.bot.userId, { id: seed.bot.userId, name: seed.bot.name, realName: seed.bot.name, isBot: true });
    for (const u of seed.users)
      this.users.set(u.id, {
        id: u.id,
        name: u.name,
        realName: u.realName ?? u.name,
        isBot: false,
        guest: u.guest,
        email: u.email,
      });
    for (const [id, members] of Object.entries(seed.usergroups)) this.usergroups.set(id, [...members]);
    this.seedChannels();
  }

  private seedChannels(): void {
    this.channels = new Map();
    const created = Math.floor(Date.now() / 1000);
    for (const c of this.seed.channels) {
      const members = new Set(c.members);
      if (c.botMember) members.add(this.bot.userId);
      this.channels.set(c.id, { id: c.id, name: c.name, isPrivate: c.isPrivate ?? false, members, created });
    }
  }

  /** Adds a public channel (e.g. a Slack Connect channel shared with a customer); returns the existing one by id. */
  addChannel(c: { id: string; name: string; members: string[]; botMember?: boolean }): Channel {
    const existing = this.channels.get(c.id);
    if (existing) return existing;
    const members = new Set(c.members);
    if (c.botMember) members.add(this.bot.userId);
    const channel: Channel = {
      id: c.id,
      name: c.name,
      isPrivate: false,
      members,
      created: Math.floor(Date.now() / 1000),
    };
    this.channels.set(c.id, channel);
    return channel;
  }

  /** Forgets everything that happened but keeps people and channels; sequence numbers and ts keep growing. */
  reset(): void {
    this.seedChannels();
    this.messages = new Map();
    this.ephemerals = [];
    this.views = new Map();
    this.files = new Map();
    this.log = [];
    this.record('reset', {});
  }

  /** Slack ts values are unique per workspace and increase; microseconds give room for fast bursts. */
  nextTs(): string {
    this.lastMicros = Math.max(this.lastMicros + 1, Date.now() * 1000);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  record(kind: ChangeKind, fields: Omit<Change, 'seq' | 'at' | 'kind'>): void {
    this.log.push({ seq: ++this.seq, at: Date.now(), kind, ...fields });
  }

  changesSince(seq: number): Change[] {
    return this.log.filter((c) => c.seq > seq);
  }

  get lastSeq(): number {
    return this.seq;
  }

  channelByIdOrName(ref: string): Channel | undefined {
    const name = ref.replace(/^#/, '');
    return this.channels.get(ref) ?? [...this.channels.values()].find((c) => !c.imUser && c.name === name);
  }

  /** The DM between the app and a person, created on first use like Slack's app DMs. */
  dmWith(userId: string): Channel {
    const existing = [...this.channels.values()].find((c) => c.imUser === userId);
    if (existing) return existing;
    const dm: Channel = {
      id: `D${userId.slice(1)}`,
      name: userId,
      isPrivate: true,
      imUser: userId,
      members: new Set([userId, this.bot.userId]),
      created: Math.floor(Date.now() / 1000),
    };
    this.channels.set(dm.id, dm);
    return dm;
  }

  join(channelId: string, userId: string): void {
    this.channels.get(channelId)?.members.add(userId);
    this.record('member_joined', { channel: channelId, user: userId });
  }

  leave(channelId: string, userId: string): void {
    this.channels.get(channelId)?.members.delete(userId);
    this.record('member_left', { channel: channelId, user: userId });
  }

  post(message: Omit<Message, 'ts' | 'reactions'>): Message {
    const stored: Message = { ...message, ts: this.nextTs(), reactions: [] };
    const list = this.messages.get(stored.channel) ?? [];
    list.push(stored);
    this.messages.set(stored.channel, list);
    this.record('message_posted', { channel: stored.channel, ts: stored.ts, user: stored.user });
    return stored;
  }

  findMessage(channelId: string, ts: string): Message | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  topLevel(channelId: string): Message[] {
    return (this.messages.get(channelId) ?? []).filter((m) => !m.threadTs || m.threadTs === m.ts);
  }

  replies(channelId: string, threadTs: string): Message[] {
    return (this.messages.get(channelId) ?? []).filter((m) => m.threadTs === threadTs && m.ts !== threadTs);
  }

  update(message: Message, changes: Partial<Pick<Message, 'text' | 'blocks' | 'attachments'>>): void {
    Object.assign(message, changes, { edited: { user: message.user, ts: this.nextTs() } });
    this.record('message_updated', { channel: message.channel, ts: message.ts });
  }

  remove(message: Message): void {
    const list = this.messages.get(message.channel) ?? [];
    this.messages.set(
      message.channel,
      list.filter((m) => m !== message),
    );
    this.record('message_deleted', { channel: message.channel, ts: message.ts });
  }

  postEphemeral(e: Omit<Ephemeral, 'ts'>): Ephemeral {
    const stored = { ...e, ts: this.nextTs() };
    this.ephemerals.push(stored);
    this.record('ephemeral_posted', { channel: e.channel, ts: stored.ts, user: e.user });
    return stored;
  }

  /** false when Slack would answer already_reacted / no_reaction. */
  setReaction(message: Message, name: string, userId: string, on: boolean): boolean {
    let reaction = message.reactions.find((r) => r.name === name);
    if (on === Boolean(reaction?.users.includes(userId))) return false;
    if (!reaction) {
      reaction = { name, users: [] };
      message.reactions.push(reaction);
    }
    reaction.users = on ? [...reaction.users, userId] : reaction.users.filter((u) => u !== userId);
    message.reactions = message.reactions.filter((r) => r.users.length > 0);
    const kind = on ? 'reaction_added' : 'reaction_removed';
    this.record(kind, { channel: message.channel, ts: message.ts, user: userId });
    return true;
  }

  homeOf(userId: string): StoredView | undefined {
    return [...this.views.values()].find((v) => v.type === 'home' && v.userId === userId);
  }

  saveView(view: StoredView, kind: 'view_opened' | 'view_updated' | 'view_closed' | 'home_published'): void {
    this.views.set(view.id, view);
    this.record(kind, { viewId: view.id, user: view.userId });
  }
}
