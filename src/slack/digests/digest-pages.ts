import type { KnownBlock } from '@slack/types';
import { joinMrkdwn, type Mrkdwn, mrkdwn, truncateMrkdwn } from '../../core/shared/text/mrkdwn';
import { context, message, SlackLimits, section, type TMessage } from '../kit/block-limits';

/**
 * Packs lines into as few sections as possible (each within Slack's 3000 characters), at most `maxSections`;
 * returns the blocks and how many lines did not fit, so the caller can say so instead of failing.
 */
export function packLines(
  lines: Mrkdwn[],
  options: { heading?: Mrkdwn; maxSections: number },
): { blocks: KnownBlock[]; left: number } {
  const blocks: KnownBlock[] = [];
  let chunk: Mrkdwn[] = options.heading ? [options.heading] : [];
  let size = options.heading?.length ?? 0;
  let used = 0;
  const flush = () => section(joinMrkdwn(chunk));
  for (const [index, raw] of lines.entries()) {
    const line = truncateMrkdwn(raw, SlackLimits.sectionText - 100);
    if (chunk.length && size + line.length + 1 > SlackLimits.sectionText) {
      if (blocks.length + 1 >= options.maxSections) return { blocks: [...blocks, flush()], left: lines.length - index };
      blocks.push(flush());
      chunk = [];
      size = 0;
    }
    size += (chunk.length ? 1 : 0) + line.length;
    chunk.push(line);
    used = index + 1;
  }
  if (chunk.length) blocks.push(flush());
  return { blocks, left: lines.length - used };
}

/**
 * Splits a digest into messages of at most 50 blocks. The first keeps `text` as its notification text; each later
 * one starts with a line saying which part it is, so a reader landing on it knows what they are looking at.
 */
export function paginateDigest(blocks: KnownBlock[], text: Mrkdwn, title: string): TMessage[] {
  const max = SlackLimits.messageBlocks;
  if (blocks.length <= max) return [message(text, blocks)];
  const pages: KnownBlock[][] = [blocks.slice(0, max)];
  for (let start = max; start < blocks.length; start += max - 1) pages.push(blocks.slice(start, start + max - 1));
  return pages.map((page, index) => {
    if (index === 0) return message(text, page);
    const part = mrkdwn`${title}, continued (part ${index + 1} of ${pages.length})`;
    return message(part, [context(mrkdwn`_${part}_`), ...page]);
  });
}
