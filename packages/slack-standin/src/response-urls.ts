import { randomBytes } from 'node:crypto';
import { readMessageContent } from './message-content';
import { type ApiResult, flag, type Params, str } from './params';
import type { Workspace } from './workspace';

export interface ResponseTarget {
  channelId: string;
  userId: string;
  /** The message the interaction came from, for replace_original / delete_original. */
  messageTs?: string;
}

interface Entry extends ResponseTarget {
  uses: number;
  createdAt: number;
}

// Slack's documented allowance for one response_url.
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();

  create(target: ResponseTarget): string {
    const id = randomBytes(12).toString('hex');
    this.entries.set(id, { ...target, uses: 0, createdAt: Date.now() });
    return id;
  }

  /** Counts one use; an error code when the URL is unknown, used up or expired. */
  use(id: string): ResponseTarget | { error: string } {
    const entry = this.entries.get(id);
    if (!entry) return { error: 'invalid_url' };
    if (Date.now() - entry.createdAt > LIFETIME_MS) return { error: 'expired_url' };
    if (entry.uses >= MAX_USES) return { error: 'used_url' };
    entry.uses++;
    return entry;
  }
}

/**
 * What Slack does with a message sent to a response_url (or returned in a slash command's ack):
 * delete or replace the original when asked, post in the channel for response_type in_channel,
 * otherwise show it only to the person who acted.
 */
export function applyResponse(
  ws: Workspace,
  target: ResponseTarget,
  body: Params,
): { status: number; body: ApiResult } {
  const ts = target.messageTs;
  const original = ts ? ws.findMessage(target.channelId, ts) : undefined;
  const ephemeral = ts ? ws.ephemerals.find((e) => e.ts === ts && e.user === target.userId) : undefined;
  if (flag(body, 'delete_original')) {
    if (original) ws.remove(original);
    if (ephemeral) {
      ws.ephemerals = ws.ephemerals.filter((e) => e !== ephemeral);
      ws.record('message_deleted', { channel: ephemeral.channel, ts: ephemeral.ts, user: ephemeral.user });
    }
    return { status: 200, body: { ok: true } };
  }
  const content = readMessageContent(body);
  if ('error' in content) return { status: 400, body: content.error };
  const { text = '', blocks, attachments } = content;
  const threadTs = str(body, 'thread_ts') || undefined;
  if (flag(body, 'replace_original') && original) {
    ws.update(original, { text, blocks, attachments });
  } else if (flag(body, 'replace_original') && ephemeral) {
    Object.assign(ephemeral, { text, blocks });
    ws.record('ephemeral_posted', { channel: ephemeral.channel, ts: ephemeral.ts, user: ephemeral.user });
  } else if (str(body, 'response_type') === 'in_channel') {
    ws.post({ channel: target.channelId, user: ws.bot.userId, botId: ws.bot.botId, text, blocks, threadTs });
  } else {
    ws.postEphemeral({ channel: target.channelId, user: target.userId, text, blocks, threadTs });
  }
  return { status: 200, body: { ok: true } };
}
