import type { KnownBlock } from '@slack/types';
import { context, SlackLimits, section, type TMessage, truncate } from './limits';

/**
 * Packs lines into as few sections as possible (each within Slack's 3000 characters), at most `maxSections`;
 * returns the blocks and how many lines did not fit, so the caller can say so instead of failing.
 */
export function packLines(
  lines: string[],
  options: { heading?: string; maxSections: number },
): { blocks: KnownBlock[]; left: number } {
  const blocks: KnownBlock[] = [];
  let chunk = options.heading ?? '';
  let used = 0;
  for (const [index, raw] of lines.entries()) {
    const line = truncate(raw, SlackLimits.sectionText - 100);
    if (chunk && chunk.length + line.length + 1 > SlackLimits.sectionText) {
      if (blocks.length + 1 >= options.maxSections)
        return { blocks: [...blocks, section(chunk)], left: lines.length - index };
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk += (chunk ? '\n' : '') + line;
    used = index + 1;
  }
  if (chunk) blocks.push(section(chunk));
  return { blocks, left: lines.length - used };
}

/**
 * Splits a digest into messages of at most 50 blocks. The first keeps `text` as its notification text; each later
 * one starts with a line saying which part it is, so a reader landing on it knows what they are looking at.
 */
export function paginateDigest(blocks: KnownBlock[], text: string, title: string): TMessage[] {
  const max = SlackLimits.messageBlocks;
  if (blocks.length <= max) return [{ text, blocks }];
  const pages: KnownBlock[][] = [blocks.slice(0, max)];
  for (let start = max; start < blocks.length; start += max - 1) pages.push(blocks.slice(start, start + max - 1));
  return pages.map((page, index) => {
    if (index === 0) return { text, blocks: page };
    const part = `${title}, continued (part ${index + 1} of ${pages.length})`;
    return { text: truncate(part, SlackLimits.fallbackText), blocks: [context(`_${part}_`), ...page] };
  });
}
