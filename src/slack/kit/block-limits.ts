import type { KnownBlock } from '@slack/types';
import { joinMrkdwn, type Mrkdwn, plainOf, truncateMrkdwn, type UserText } from '../../core/shared/text/mrkdwn';

/** Slack's documented limits; every view builder stays inside them by construction. */
export const SlackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  fallbackText: 4000,
} as const;

/** Cuts text to `max` characters, marking the cut so nobody mistakes a fragment for the whole. */
export function truncate(text: string, max: number, note = '…'): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - note.length)).trimEnd() + note;
}

export { channelMention, mention, slackDate } from '../../core/shared/text/mrkdwn';

export function section(text: Mrkdwn, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncateMrkdwn(text, SlackLimits.sectionText).text },
  };
}

/** A header is plain_text: people's text in it is shown as typed, with mentions and links made harmless. */
export function header(text: string | UserText): KnownBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(plainOf(text), SlackLimits.headerText), emoji: true },
  };
}

/** plain_text for buttons, options and the like, cut to `max`. */
export function plainText(text: string | UserText, max: number) {
  return { type: 'plain_text' as const, text: truncate(plainOf(text), max), emoji: true };
}

export function mrkdwnField(text: Mrkdwn, max: number = SlackLimits.sectionField) {
  return { type: 'mrkdwn' as const, text: truncateMrkdwn(text, max).text };
}

/** A section of side-by-side fields, as many as Slack shows. */
export function fieldsSection(fields: Mrkdwn[]): KnownBlock {
  return { type: 'section', fields: fields.slice(0, SlackLimits.sectionFields).map((text) => mrkdwnField(text)) };
}

/** Packs lines into sections of at most Slack's 3,000 characters, so hundreds of lines take few blocks. */
export function packedSections(lines: Mrkdwn[], first: Mrkdwn | null, separator: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let chunk: Mrkdwn[] = first ? [first] : [];
  let size = first?.length ?? 0;
  for (const line of lines) {
    if (chunk.length && size + line.length + separator.length > SlackLimits.sectionText) {
      blocks.push(section(joinMrkdwn(chunk, separator)));
      chunk = [];
      size = 0;
    }
    size += (chunk.length ? separator.length : 0) + line.length;
    chunk.push(line);
  }
  if (chunk.length) blocks.push(section(joinMrkdwn(chunk, separator)));
  return blocks;
}

export function context(...texts: Mrkdwn[]): KnownBlock {
  return {
    type: 'context',
    elements: texts.slice(0, SlackLimits.contextElements).map((text) => mrkdwnField(text, SlackLimits.sectionText)),
  };
}

export const divider = (): KnownBlock => ({ type: 'divider' });

/**
 * Keeps a message within the block limit: when `blocks` is longer, the tail is replaced by one line saying how
 * much was left out and where to see it.
 */
export function capBlocks(blocks: KnownBlock[], max: number, overflowNote: (hidden: number) => Mrkdwn): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(overflowNote(blocks.length - kept.length))];
}

export interface TMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A message whose notification text went through the same rule as its blocks. */
export const message = (fallback: Mrkdwn, blocks: KnownBlock[]): TMessage => ({
  text: truncateMrkdwn(fallback, SlackLimits.fallbackText).text,
  blocks,
});
