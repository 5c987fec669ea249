import type { KnownBlock } from '@slack/types';

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

/** Slack mrkdwn treats &, < and > as control characters. */
export const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const mention = (userId: string) => `<@${userId}>`;
export const channelMention = (channelId: string) => `<#${channelId}>`;

/** Renders in each reader's own time zone, with a UTC fallback for clients that cannot. */
export function slackDate(date: Date, format = '{date_short_pretty} {time}') {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export function section(text: string, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncate(text, SlackLimits.sectionText) },
  };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, SlackLimits.headerText), emoji: true } };
}

export function context(...texts: string[]): KnownBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, SlackLimits.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SlackLimits.sectionText) })),
  };
}

export const divider = (): KnownBlock => ({ type: 'divider' });

/**
 * Keeps a message within the block limit: when `blocks` is longer, the tail is replaced by one line saying how
 * much was left out and where to see it.
 */
export function capBlocks(blocks: KnownBlock[], max: number, overflowNote: (hidden: number) => string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(overflowNote(blocks.length - kept.length))];
}

export interface TMessage {
  text: string;
  blocks: KnownBlock[];
}
