import { describe, expect, it } from 'vitest';
import {
  ADVOCATE_COMPOSITION,
  DIGESTS,
  LEGACY_VIEW_NAMES,
  NAMED_VIEWS,
  OPEN_DIGEST_SECTIONS,
  WEEKLY_REPORT_SECTIONS,
} from '../../src/app/composition';
import { digestKind } from '../../src/slack/digests/digest-kinds';
import { renderNamedView } from '../../src/slack/kit/named-views';

describe('the composition root', () => {
  it('lists the digests, their sections and the named views in one place, in order', () => {
    expect(DIGESTS.map((kind) => kind.kind)).toEqual(['open', 'nps']);
    expect(OPEN_DIGEST_SECTIONS.map((section) => section.name)).toEqual([
      'Detractors without an advocate',
      'theme-suggestions',
    ]);
    expect(WEEKLY_REPORT_SECTIONS.map((section) => section.name)).toEqual([
      'customer-retention',
      'customers-at-risk',
      'open-themes',
    ]);
    expect(Object.keys(NAMED_VIEWS).sort()).toEqual(['customer.at-risk', 'theme.tickets-closed']);
    expect(Object.keys(ADVOCATE_COMPOSITION.outboxHandlers)).toEqual(
      expect.arrayContaining(['card.post', 'channel.message', 'theme.card.post', 'theme.thread.line']),
    );
    expect(Object.isFrozen(ADVOCATE_COMPOSITION)).toBe(true);
  });

  it('renders only the views it is given: nothing is registered behind its back', () => {
    expect(() => renderNamedView({}, LEGACY_VIEW_NAMES.ticketsClosed, {})).toThrowError(
      /no view named theme.tickets-closed/,
    );
    expect(() => renderNamedView(NAMED_VIEWS, 'toString', {})).toThrowError(/no view named toString/);
    expect(digestKind([], 'open')).toBeUndefined();
    expect(digestKind(DIGESTS, 'nps')?.kind).toBe('nps');
  });
});
