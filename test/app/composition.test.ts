import { describe, expect, it } from 'vitest';
import {
  ADVOCATE_COMPOSITION,
  DIGESTS,
  NAMED_VIEWS,
  OPEN_DIGEST_SECTIONS,
  WEEKLY_REPORT_SECTIONS,
} from '../../src/app/composition';
import { AT_RISK_ANNOUNCEMENT_VIEW } from '../../src/domain/customers/at-risk';
import { TICKETS_CLOSED_VIEW } from '../../src/domain/themes/theme-tickets';
import { digestKind } from '../../src/jobs/digest-kinds';
import { renderNamedView } from '../../src/slack/blocks/named-views';

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
    expect(Object.keys(NAMED_VIEWS).sort()).toEqual([AT_RISK_ANNOUNCEMENT_VIEW, TICKETS_CLOSED_VIEW].sort());
    expect(Object.keys(ADVOCATE_COMPOSITION.outboxHandlers)).toEqual(
      expect.arrayContaining(['card.post', 'channel.message', 'theme.card.post', 'theme.thread.line']),
    );
    expect(Object.isFrozen(ADVOCATE_COMPOSITION)).toBe(true);
  });

  it('renders only the views it is given: nothing is registered behind its back', () => {
    expect(() => renderNamedView({}, TICKETS_CLOSED_VIEW, {})).toThrowError(/no view named theme.tickets-closed/);
    expect(() => renderNamedView(NAMED_VIEWS, 'toString', {})).toThrowError(/no view named toString/);
    expect(digestKind([], 'open')).toBeUndefined();
    expect(digestKind(DIGESTS, 'nps')?.kind).toBe('nps');
  });
});
