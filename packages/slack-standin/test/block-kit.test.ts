import { validateBlocks, validateView } from '@advocate/slack-standin';
import { describe, expect, it } from 'vitest';

const plain = (text: string) => ({ type: 'plain_text', text });
const input = { type: 'input', label: plain('Summary'), element: { type: 'plain_text_input', action_id: 'summary' } };
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Flag'),
  submit: plain('Flag'),
  blocks: [input],
  ...extra,
});

describe('validateBlocks', () => {
  it('accepts the kinds of blocks a card uses', () => {
    const blocks = [
      { type: 'header', text: plain('ADV-1') },
      { type: 'section', text: { type: 'mrkdwn', text: '*high*' }, fields: [plain('a'), plain('b')] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'by <@U1>' }] },
      { type: 'actions', elements: [{ type: 'button', action_id: 'claim', text: plain('Claim'), style: 'primary' }] },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it('allows one action_id in several blocks, as Slack does, but not twice in one block', () => {
    const button = { type: 'button', action_id: 'claim', text: plain('Claim') };
    const twoRows = [
      { type: 'actions', block_id: 'row1', elements: [button] },
      { type: 'actions', block_id: 'row2', elements: [button] },
    ];
    expect(validateBlocks(twoRows, 'home')).toEqual([]);
    expect(validateBlocks([{ type: 'actions', elements: [button, button] }], 'message')).toEqual([
      '`action_id` "claim" already exists [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
  });

  it('names the pointer of each finding', () => {
    const errors = validateBlocks(
      [
        { type: 'section', block_id: 'a', text: { type: 'mrkdwn', text: '' } },
        { type: 'divider', block_id: 'a' },
        { type: 'carousel' },
        { type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) },
      ],
      'message',
    );
    expect(errors).toEqual([
      'must be more than 0 characters [json-pointer:/blocks/0/text/text]',
      '`block_id` "a" already exists [json-pointer:/blocks/1/block_id]',
      'failed to match all allowed schemas [json-pointer:/blocks/2]',
      'no more than 10 items allowed [json-pointer:/blocks/3/fields]',
    ]);
  });

  it('checks buttons, menus and their options', () => {
    const options = Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `${i}` }));
    const errors = validateBlocks(
      [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'b', text: plain('x'.repeat(76)), value: 'v'.repeat(2001) },
            { type: 'static_select', action_id: 's', options },
            { type: 'plain_text_input', action_id: 'p' },
          ],
        },
      ],
      'message',
    );
    expect(errors).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
      'no more than 100 items allowed [json-pointer:/blocks/0/elements/1/options]',
      'failed to match all allowed schemas [json-pointer:/blocks/0/elements/2]',
    ]);
  });

  it('allows 100 blocks in a home tab but 50 in a message', () => {
    const blocks = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(validateBlocks(blocks, 'home')).toEqual([]);
    expect(validateBlocks(blocks, 'message')).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
  });
});

describe('validateView', () => {
  it('accepts an intake modal', () => {
    expect(validateView(modal())).toEqual([]);
  });

  it('holds modals to their title, submit and metadata limits', () => {
    expect(validateView(modal({ title: plain('t'.repeat(25)), private_metadata: 'm'.repeat(3001) }))).toEqual([
      'must be less than 25 characters [json-pointer:/view/title/text]',
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
    expect(validateView(modal({ submit: undefined }))).toEqual([
      'must provide submit when using input blocks [json-pointer:/view/submit]',
    ]);
  });
});
