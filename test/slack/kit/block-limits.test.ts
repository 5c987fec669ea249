import { validateBlocks } from '@advocate/slack-standin';
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { fromOutside, mrkdwn, trusted } from '../../../src/core/shared/text/mrkdwn';
import { capBlocks, context, header, message, section, truncate } from '../../../src/slack/kit/block-limits';

const textOf = (block: KnownBlock) => (block as { text: { text: string } }).text.text;

describe('Slack’s limits, at the extremes', () => {
  it('cuts a section to 3,000 characters and marks the cut', () => {
    const block = section(mrkdwn`${fromOutside('a'.repeat(10_000))}`);
    expect(textOf(block)).toHaveLength(3000);
    expect(textOf(block).endsWith('…')).toBe(true);
    expect(validateBlocks([block], 'message')).toEqual([]);
    expect(textOf(section(mrkdwn`${fromOutside('b'.repeat(3000))}`))).toBe('b'.repeat(3000));
  });

  it('never leaves half a mention, link or entity at the cut', () => {
    const text = `${'x'.repeat(2990)} <@U0ADVOC001> &amp; more`;
    const cut = textOf(section(trusted(text)));
    expect(cut).not.toMatch(/<[^>]*$/);
    const entity = textOf(section(trusted(`${'y'.repeat(2997)}&amp;`)));
    expect(entity).not.toMatch(/&[a-z]*…$/);
  });

  it('cuts a header to 150 characters of plain text, mentions shown as typed', () => {
    const block = header(fromOutside(`<@U0AGENT001> ${'h'.repeat(300)}`));
    expect(textOf(block).length).toBeLessThanOrEqual(150);
    expect(validateBlocks([block], 'message')).toEqual([]);
    expect(header('Short')).toMatchObject({ text: { type: 'plain_text', text: 'Short', emoji: true } });
  });

  it('keeps a message to 50 blocks, the last saying how many were left out', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(trusted(`block ${i}`)));
    const capped = capBlocks(blocks, 50, (hidden) => mrkdwn`${String(hidden)} more not shown`);
    expect(capped).toHaveLength(50);
    expect(JSON.stringify(capped.at(-1))).toContain('71 more not shown');
    expect(validateBlocks(capped, 'message')).toEqual([]);
    expect(capBlocks(blocks.slice(0, 50), 50, () => trusted('never'))).toHaveLength(50);
  });

  it('keeps a context block to 10 elements and a notification text to 4,000 characters', () => {
    const block = context(...Array.from({ length: 15 }, (_, i) => trusted(`part ${i}`)));
    expect(validateBlocks([block], 'message')).toEqual([]);
    expect(message(mrkdwn`${fromOutside('n'.repeat(50_000))}`, []).text.length).toBeLessThanOrEqual(4000);
  });

  it('truncates plain text with its note inside the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abc   def', 7, '...')).toBe('abc...');
  });
});
