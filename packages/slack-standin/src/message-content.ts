import { isObj, validateBlocks } from './block-kit';
import { type ApiResult, fail, type Params, str } from './params';
import { randomId } from './workspace';

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

const MAX_TEXT = 40000;

/** Slack's answer when blocks break Block Kit rules: the first error code plus every finding. */
export function invalidBlocks(errors: string[], code = 'invalid_blocks'): ApiResult {
  return fail(code, { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
}

/**
 * Reads text/blocks/attachments as chat.postMessage does. With `partial`, absent fields mean
 * "keep what the message had" (chat.update), so only a request with none of them is no_text.
 */
export function readMessageContent(p: Params, partial = false): MessageContent | { error: ApiResult } {
  const text = str(p, 'text');
  const { blocks, attachments } = p;
  if (blocks !== undefined && !Array.isArray(blocks)) return { error: fail('invalid_blocks_format') };
  if (attachments !== undefined && !Array.isArray(attachments)) return { error: fail('invalid_attachments') };
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text && !hasBlocks && !hasAttachments && !(partial && blocks !== undefined)) return { error: fail('no_text') };
  if (text && text.length > MAX_TEXT) return { error: fail('msg_too_long') };
  if (blocks !== undefined) {
    const errors = validateBlocks(blocks, 'message');
    if (errors.length > 0) return { error: invalidBlocks(errors) };
  }
  return {
    ...(text !== undefined || !partial ? { text: text ?? '' } : {}),
    ...(blocks !== undefined ? { blocks: fillBlockIds(blocks) } : {}),
    ...(attachments !== undefined ? { attachments } : {}),
  };
}

/** Slack stores a generated block_id on every block that lacks one; interaction payloads carry it. */
export function fillBlockIds(blocks: unknown[]): unknown[] {
  const copy = structuredClone(blocks);
  const used = new Set(copy.filter(isObj).map((b) => b.block_id));
  for (const block of copy) {
    if (!isObj(block) || block.block_id !== undefined) continue;
    let id = randomId('', 5);
    while (used.has(id)) id = randomId('', 5);
    used.add(id);
    block.block_id = id;
  }
  return copy;
}
