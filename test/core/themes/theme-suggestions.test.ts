import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { createTheme } from '../../../src/core/themes/link-escalations';
import { findThemeSuggestions, suggestThemes } from '../../../src/core/themes/theme-suggestions';
import { days, hours } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

const now = new Date('2026-11-25T10:00:00Z');
let nextId = 1;
const escalation = (
  customer: { id: number; name: string; mergedIntoId?: number } | null,
  tags: string[],
  overrides: { ageDays?: number; status?: string; themeId?: number | null } = {},
) => ({
  id: nextId++,
  status: overrides.status ?? 'open',
  themeId: overrides.themeId ?? null,
  createdAt: new Date(now.getTime() - days(overrides.ageDays ?? 1)),
  customer: customer ? { mergedIntoId: null, ...customer } : null,
  tags: tags.map((tag) => ({ tag })),
});
const acme = { id: 1, name: 'Acme' };
const globex = { id: 2, name: 'Globex' };
const initech = { id: 3, name: 'Initech' };
const hooli = { id: 4, name: 'Hooli' };

describe('theme suggestions', () => {
  it('proposes a #tag that three different customers reported in the last 14 days, most customers first', () => {
    const rows = [
      escalation(acme, ['billing', 'sso']),
      escalation(globex, ['billing']),
      escalation(acme, ['billing']),
      escalation(initech, ['billing', 'sso']),
      escalation(hooli, ['sso']),
      escalation(globex, ['sso']),
      escalation(hooli, ['billing']),
    ];
    const suggestions = findThemeSuggestions(rows, now);
    expect(suggestions.map((s) => [s.tag, s.customers.length, s.escalationIds.length])).toEqual([
      ['billing', 4, 5],
      ['sso', 4, 4],
    ]);
    expect(suggestions[0]!.customers[0]).toBe('Acme');
  });

  it('needs three different customers: two customers, however many escalations, are not a pattern', () => {
    const rows = [escalation(acme, ['export']), escalation(acme, ['export']), escalation(globex, ['export'])];
    expect(findThemeSuggestions(rows, now)).toEqual([]);
    // Two records of one merged customer count once.
    const merged = [
      escalation(acme, ['export']),
      escalation({ id: 9, name: 'ACME Inc', mergedIntoId: acme.id }, ['export']),
      escalation(globex, ['export']),
    ];
    expect(findThemeSuggestions(merged, now)).toEqual([]);
    expect(findThemeSuggestions([...merged, escalation(initech, ['export'])], now)).toHaveLength(1);
  });

  it('ignores what is older than 14 days, resolved, in a theme already, or has no customer', () => {
    const base = [escalation(acme, ['api']), escalation(globex, ['api'])];
    for (const extra of [
      escalation(initech, ['api'], { ageDays: 15 }),
      escalation(initech, ['api'], { status: 'resolved' }),
      escalation(initech, ['api'], { themeId: 4 }),
      escalation(null, ['api']),
    ]) {
      expect(findThemeSuggestions([...base, extra], now)).toEqual([]);
    }
    expect(findThemeSuggestions([...base, escalation(initech, ['api'], { ageDays: 13.9 })], now)).toHaveLength(1);
    expect(
      findThemeSuggestions([...base, escalation(initech, ['api'], { status: 'claimed' })], now)[0]!.customers,
    ).toEqual(['Acme', 'Globex', 'Initech']);
  });
});

describe.each(testProviders())('theme suggestions from the database on %s', (provider) => {
  let fixture: TDomainFixture;
  beforeAll(async () => {
    fixture = await createDomainFixture(provider);
  });
  afterAll(async () => fixture.close());

  const flag = (customer: string, tags: string[]) =>
    flagEscalation(fixture.deps, {
      reporterId: 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary: `trouble at ${customer}`,
      severity: 'medium',
      tags,
      customer,
      via: 'command',
    });

  it('stops proposing a tag once a theme covers it, and ages proposals out of the window', async () => {
    const a = await flag('Acme', ['billing']);
    fixture.clock.advance(hours(1));
    const b = await flag('Globex', ['billing']);
    await flag('Globex', ['sso']);
    expect(await suggestThemes(fixture.deps)).toEqual([]);
    fixture.clock.advance(hours(1));
    const c = await flag('Initech', ['billing']);
    const [suggestion] = await suggestThemes(fixture.deps);
    expect(suggestion).toMatchObject({
      tag: 'billing',
      customers: ['Acme', 'Globex', 'Initech'],
      escalationIds: [a.id, b.id, c.id],
    });

    await changeEscalation(fixture.deps, { escalationId: c.id, kind: 'claim', actorId: 'UADV1', via: 'button' });
    expect(await suggestThemes(fixture.deps)).toHaveLength(1);
    await createTheme(fixture.deps, { title: 'Billing', escalationIds: [a.id], actorId: 'UADV1', via: 'command' });
    expect(await suggestThemes(fixture.deps)).toEqual([]);

    fixture.clock.advance(hours(1));
    const d = await flag('Hooli', ['billing']);
    const e = await flag('Stark', ['billing']);
    expect((await suggestThemes(fixture.deps))[0]!.escalationIds).toEqual([b.id, c.id, d.id, e.id]);
    fixture.clock.advance(days(14) - hours(1.5));
    // b has aged out of the window; c, d and e are three customers still.
    expect((await suggestThemes(fixture.deps))[0]!.escalationIds).toEqual([c.id, d.id, e.id]);
    fixture.clock.advance(hours(1));
    expect(await suggestThemes(fixture.deps)).toEqual([]);
  });
});
