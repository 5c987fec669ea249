import { describe, expect, it } from 'vitest';
import { ADVOCATE_COMPOSITION, DIGEST_CATALOG } from '../../src/app/composition';
import { ZOutboxMessage } from '../../src/core/shared/outbox/outbox-messages';
import { digestKind } from '../../src/slack/digests/digest-kinds';

describe('the composition root', () => {
  it('lists the digests and their sections in one place, in order', () => {
    expect(DIGEST_CATALOG.digests.map((kind) => kind.kind)).toEqual(['open', 'nps']);
    expect(DIGEST_CATALOG.openDigestSections.map((section) => section.name)).toEqual([
      'Detractors without an advocate',
      'theme-suggestions',
      'untold-customers',
    ]);
    expect(DIGEST_CATALOG.weeklyReportSections.map((section) => section.name)).toEqual([
      'why-nps-moved',
      'fixes',
      'customer-retention',
      'customers-at-risk',
      'open-themes',
      'themes-by-stake',
      'troubled-renewals',
      'slas',
    ]);
    expect(Object.isFrozen(ADVOCATE_COMPOSITION)).toBe(true);
    expect(digestKind([], 'open')).toBeUndefined();
    expect(digestKind(DIGEST_CATALOG.digests, 'nps')?.kind).toBe('nps');
  });

  it('has exactly one sender for every kind of outbox message, and none for a retired kind', () => {
    const kinds = ZOutboxMessage.options.map((option) => option.shape.kind.value).sort();
    expect(Object.keys(ADVOCATE_COMPOSITION.outboxHandlers).sort()).toEqual(kinds);
    expect(kinds).not.toContain('channel.message');
    expect(kinds).not.toContain('thread.line');
  });
});
