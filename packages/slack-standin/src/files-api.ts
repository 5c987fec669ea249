import { type Handler, visibleChannel } from './api-context';
import { isObj, validateBlocks } from './block-kit';
import { fillBlockIds, invalidBlocks } from './message-content';
import { fail, str } from './params';
import { randomId, type StoredFile, type Workspace } from './workspace';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
}

/** Stores the bytes posted to an upload URL; false when the URL names no pending file. */
export function receiveUpload(ws: Workspace, fileId: string, bytes: Buffer): boolean {
  const file = ws.files.get(fileId);
  if (!file) return false;
  file.bytes = bytes;
  file.mimetype = isPng(bytes) ? 'image/png' : 'application/octet-stream';
  ws.record('file_uploaded', { fileId });
  return true;
}

const getUploadUrl: Handler = (ctx, p) => {
  const filename = str(p, 'filename');
  const length = Number(str(p, 'length'));
  if (!filename || str(p, 'length') === undefined) return fail('invalid_arguments');
  if (!Number.isInteger(length) || length <= 0) return fail('missing_argument');
  const altText = str(p, 'alt_txt') ?? str(p, 'alt_text');
  const file: StoredFile = {
    id: randomId('F'),
    filename,
    title: filename,
    length,
    mimetype: 'application/octet-stream',
    ...(altText ? { altText } : {}),
  };
  ctx.ws.files.set(file.id, file);
  return { ok: true, upload_url: `${ctx.origin}/upload/${file.id}`, file_id: file.id };
};

const completeUpload: Handler = (ctx, p) => {
  const { ws } = ctx;
  if (!Array.isArray(p.files) || p.files.length === 0) return fail('invalid_arguments');
  const files: StoredFile[] = [];
  for (const entry of p.files) {
    const file = isObj(entry) && typeof entry.id === 'string' ? ws.files.get(entry.id) : undefined;
    if (!file?.bytes) return fail('file_not_found');
    if (isObj(entry) && typeof entry.title === 'string') file.title = entry.title;
    files.push(file);
  }
  const channelId = str(p, 'channel_id');
  const channel = channelId ? visibleChannel(ctx, channelId, true) : undefined;
  if (channelId && !channel) return fail('channel_not_found');
  if (channel && !channel.members.has(ws.bot.userId)) return fail('not_in_channel');
  const comment = str(p, 'initial_comment');
  // Slack ignores blocks when an initial_comment is given.
  const blocks = comment === undefined && Array.isArray(p.blocks) ? p.blocks : undefined;
  if (blocks) {
    const errors = validateBlocks(blocks, 'message');
    if (errors.length > 0) return invalidBlocks(errors);
  }
  const threadTs = str(p, 'thread_ts') || undefined;
  // Without a channel the files stay private to the app, as in Slack.
  if (channel) {
    for (const f of files) Object.assign(f, { channelId: channel.id, threadTs });
    const content = { text: comment ?? '', ...(blocks ? { blocks: fillBlockIds(blocks) } : {}) };
    ws.post({
      channel: channel.id,
      user: ws.bot.userId,
      botId: ws.bot.botId,
      ...content,
      files: files.map((f) => f.id),
      threadTs,
    });
  }
  return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
};

export const FILE_METHODS: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
