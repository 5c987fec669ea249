import { validateBlocks } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';
import { DIGEST_CATALOG } from '../../../src/app/composition';
import { AppError } from '../../../src/core/shared/app-error';
import { trusted } from '../../../src/core/shared/text/mrkdwn';
import { packLines, paginateDigest } from '../../../src/slack/digests/digest-pages';
import { requireDigestKind } from '../../../src/slack/digests/send-digest';
import { section } from '../../../src/slack/kit/block-limits';

const sections = (count: number) => Array.from({ length: count }, (_, index) => section(trusted(`block ${index}`)));

describe('digest pages', () => {
  it('keeps 50 blocks in one message and splits 51 or 150 into messages of at most 50', () => {
    expect(paginateDigest(sections(50), trusted('digest'), 'Digest')).toHaveLength(1);
    const two = paginateDigest(sections(51), trusted('digest'), 'Digest');
    expect(two.map((message) => message.blocks.length)).toEqual([50, 2]);
    const four = paginateDigest(sections(150), trusted('digest'), 'Digest');
    expect(four.map((message) => message.blocks.length)).toEqual([50, 50, 50, 3]);
    expect(four[3]?.text).toBe('Digest, continued (part 4 of 4)');
    for (const message of four) expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('packs lines into sections within 3000 characters and says how many did not fit', () => {
    const lines = Array.from({ length: 100 }, (_, index) => trusted(`${'x'.repeat(290)} ${index}`));
    const packed = packLines(lines, { heading: trusted('*Heading*'), maxSections: 3 });
    expect(packed.blocks).toHaveLength(3);
    expect(validateBlocks(packed.blocks, 'message')).toEqual([]);
    const shown = packed.blocks.map((block) => (block as { text: { text: string } }).text.text).join('\n');
    expect(shown.split('\n').length - 1).toBe(100 - packed.left);
    expect(packed.left).toBeGreaterThan(60);
    expect(packLines([trusted('y'.repeat(5000))], { maxSections: 1 }).blocks).toHaveLength(1);
    expect(packLines([], { maxSections: 2 })).toEqual({ blocks: [], left: 0 });
  });
});

describe('digest kinds', () => {
  it('answers a digest this version does not have in words a user can read', () => {
    expect(() => requireDigestKind(DIGEST_CATALOG.digests, 'weekly')).toThrowError(AppError);
    expect(() => requireDigestKind(DIGEST_CATALOG.digests, 'weekly')).toThrowError(
      'The "weekly" digest is not available in this version of Advocate yet.',
    );
    expect(requireDigestKind(DIGEST_CATALOG.digests, 'open').kind).toBe('open');
  });
});
