import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { showEscalation } from '../../../src/core/escalations/escalation-queries';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { createSuggestedTheme } from '../../../src/core/themes/create-suggested-theme';
import { createTheme, linkToTheme } from '../../../src/core/themes/link-escalations';
import { resolveTheme } from '../../../src/core/themes/resolve-theme';
import { summarizeTheme } from '../../../src/core/themes/theme-summary';
import { findTheme } from '../../../src/core/themes/themes-repository';
import { days } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

describe.each(testProviders())('themes on %s', (provider) => {
  let fixture: TDomainFixture;
  beforeAll(async () => {
    fixture = await createDomainFixture(provider);
  });
  afterAll(async () => fixture.close());

  const flag = (customer: string, options: { reporterId?: string; severity?: 'low' | 'high' | 'critical' } = {}) =>
    flagEscalation(fixture.deps, {
      reporterId: options.reporterId ?? 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary: `invoice wrong for ${customer}`,
      severity: options.severity ?? 'high',
      tags: ['billing'],
      customer,
      via: 'command',
    });
  const keysSince = async (count: number) => (await fixture.queued()).slice(count);

  it('opens a theme owned by its creator, linking every escalation named, with timeline and cards', async () => {
    const a = await flag('Acme');
    fixture.clock.advance(days(1));
    const b = await flag('Globex', { severity: 'critical' });
    const c = await flag('Acme', { severity: 'low' });
    const before = (await fixture.queued()).length;
    const outcome = await createTheme(fixture.deps, {
      title: '  Invoices   double charged ',
      escalationIds: [a.id, b.id, c.id, a.id],
      actorId: 'UADV1',
      via: 'command',
    });
    expect(outcome).toMatchObject({ created: true, linked: [a.id, b.id, c.id], moved: [], alreadyLinked: [] });
    expect(outcome.theme).toMatchObject({
      title: 'Invoices double charged',
      ownerId: 'UADV1',
      createdById: 'UADV1',
      status: 'open',
    });
    const summary = summarizeTheme(outcome.theme);
    expect(summary).toMatchObject({ customers: ['Acme', 'Globex'], linked: 3, open: 3, resolved: 0 });
    expect(summary.severities).toEqual([
      { severity: 'critical', count: 1 },
      { severity: 'high', count: 1 },
      { severity: 'low', count: 1 },
    ]);
    expect(summary.firstReportAt).toEqual(a.createdAt);
    expect(summary.latestReportAt).toEqual(c.createdAt);

    const queued = await keysSince(before);
    expect(queued[0]).toMatchObject({
      dedupeKey: `theme:${outcome.theme.id}:card`,
      kind: 'theme.card.post',
    });
    for (const escalation of [a, b, c]) {
      expect(queued.filter((item) => item.payload.escalationId === escalation.id).map((item) => item.kind)).toEqual([
        'card.update',
        'escalation.note',
      ]);
    }
    const { timeline } = await showEscalation(fixture.deps, b.id);
    expect(timeline.at(-1)).toMatchObject({
      action: 'theme linked',
      fromValue: null,
      toValue: `THM-${outcome.theme.id}`,
      themeId: outcome.theme.id,
    });
  });

  it('names every unknown ID and links nothing', async () => {
    const a = await flag('Initech');
    const themesBefore = await fixture.db.prisma.theme.count();
    const queuedBefore = (await fixture.queued()).length;
    await expect(
      createTheme(fixture.deps, {
        title: 'Broken exports',
        escalationIds: [a.id, 9998, 9999],
        actorId: 'UADV1',
        via: 'command',
      }),
    ).rejects.toMatchObject({ userMessage: 'There is no ADV-9998 and ADV-9999; nothing was linked.' });
    await expect(
      linkToTheme(fixture.deps, { themeId: 777, escalationIds: [a.id, 9999], actorId: 'UADV1', via: 'command' }),
    ).rejects.toMatchObject({ userMessage: 'There is no THM-777 and ADV-9999; nothing was linked.' });
    expect(await fixture.db.prisma.theme.count()).toBe(themesBefore);
    expect((await fixture.db.prisma.escalation.findUniqueOrThrow({ where: { id: a.id } })).themeId).toBeNull();
    expect((await fixture.queued()).length).toBe(queuedBefore);
  });

  it('moves an escalation from one theme to another and says so on both', async () => {
    const a = await flag('Umbrella');
    const b = await flag('Hooli');
    const first = await createTheme(fixture.deps, {
      title: 'Tax rounding',
      escalationIds: [a.id, b.id],
      actorId: 'UADV1',
      via: 'command',
    });
    const c = await flag('Stark');
    const second = await createTheme(fixture.deps, {
      title: 'VAT invoices',
      escalationIds: [c.id],
      actorId: 'UADV2',
      via: 'command',
    });
    const before = (await fixture.queued()).length;
    const outcome = await linkToTheme(fixture.deps, {
      themeId: second.theme.id,
      escalationIds: [b.id, c.id],
      actorId: 'UADV2',
      via: 'command',
    });
    expect(outcome).toMatchObject({
      created: false,
      linked: [b.id],
      moved: [{ escalationId: b.id, fromThemeId: first.theme.id }],
      alreadyLinked: [c.id],
    });
    expect((await findTheme(fixture.db.prisma, first.theme.id))!.escalations.map((e) => e.id)).toEqual([a.id]);
    expect((await findTheme(fixture.db.prisma, second.theme.id))!.escalations.map((e) => e.id)).toEqual([b.id, c.id]);
    const { timeline } = await showEscalation(fixture.deps, b.id);
    expect(timeline.at(-1)).toMatchObject({
      action: 'theme moved',
      fromValue: `THM-${first.theme.id}`,
      toValue: `THM-${second.theme.id}`,
    });
    const queued = await keysSince(before);
    expect(queued.filter((item) => item.payload.themeId === first.theme.id).map((item) => item.kind)).toEqual([
      'theme.card.update',
      'theme.event',
    ]);
    expect(queued.find((item) => item.kind === 'theme.event' && item.payload.themeId === first.theme.id)).toMatchObject(
      { text: expect.stringContaining(`moved ADV-${b.id} to *THM-${second.theme.id}*`) },
    );

    const again = await linkToTheme(fixture.deps, {
      themeId: second.theme.id,
      escalationIds: [b.id],
      actorId: 'UADV2',
      via: 'command',
    });
    expect(again).toMatchObject({ linked: [], alreadyLinked: [b.id] });
  });

  it('updates the theme card whenever a linked escalation changes', async () => {
    const a = await flag('Wayne');
    const { theme } = await createTheme(fixture.deps, {
      title: 'Card declines',
      escalationIds: [a.id],
      actorId: 'UADV1',
      via: 'command',
    });
    const before = (await fixture.queued()).length;
    await changeEscalation(fixture.deps, { escalationId: a.id, kind: 'claim', actorId: 'UADV1', via: 'button' });
    await changeEscalation(fixture.deps, { escalationId: a.id, kind: 'raise', actorId: 'UADV1', via: 'reaction' });
    const updates = (await keysSince(before)).filter((item) => item.kind === 'theme.card.update');
    expect(updates.map((item) => item.dedupeKey)).toEqual([
      `theme:${theme.id}:escalation:${a.id}:v1:card`,
      `theme:${theme.id}:escalation:${a.id}:v2:card`,
    ]);
  });

  it('resolves a theme in one go: notes, one message per agent, lifecycle resolves, card updates', async () => {
    const a = await flag('Soylent', { reporterId: 'UAGENT1' });
    const b = await flag('Tyrell', { reporterId: 'UAGENT1' });
    const c = await flag('Cyberdyne', { reporterId: 'UAGENT2' });
    await changeEscalation(fixture.deps, { escalationId: c.id, kind: 'resolve', actorId: 'UADV2', via: 'button' });
    const { theme } = await createTheme(fixture.deps, {
      title: 'PDF invoices blank',
      escalationIds: [a.id, b.id, c.id],
      actorId: 'UADV1',
      via: 'command',
    });
    const before = (await fixture.queued()).length;
    fixture.clock.advance(days(2));
    const outcome = await resolveTheme(fixture.deps, {
      themeId: theme.id,
      note: 'Fixed the PDF renderer.\nRe-sent every invoice.',
      actorId: 'UADV1',
      via: 'modal',
    });
    expect(outcome).toMatchObject({ kind: 'resolved', resolvedNow: [a.id, b.id], threads: 3, agents: 2 });
    expect(outcome.theme).toMatchObject({
      status: 'resolved',
      resolvedById: 'UADV1',
      resolutionNote: 'Fixed the PDF renderer.\nRe-sent every invoice.',
      resolvedAt: fixture.clock.now(),
    });
    const { escalation, timeline } = await showEscalation(fixture.deps, a.id);
    expect(escalation.status).toBe('resolved');
    expect(timeline.at(-1)).toMatchObject({
      action: 'resolved',
      via: 'modal',
      themeId: theme.id,
      detail: `with theme THM-${theme.id}`,
    });

    const queued = await keysSince(before);
    const threadLines = queued.filter((item) => item.kind === 'escalation.note');
    expect(threadLines.map((item) => item.payload.escalationId)).toEqual([a.id, b.id, c.id]);
    expect(threadLines[0]!.text).toContain('> Fixed the PDF renderer.\n> Re-sent every invoice.');
    const dms = queued.filter((item) => item.kind === 'theme.resolved.notice');
    expect(dms.map((item) => item.payload.userId)).toEqual(['UAGENT1', 'UAGENT2']);
    expect(dms[0]!.text).toMatch(new RegExp(`ADV-${a.id}\\*.*is now resolved\\n.*ADV-${b.id}\\*`));
    expect(dms[1]!.text).toContain(`ADV-${c.id}* “invoice wrong for Cyberdyne” (already resolved)`);
    expect(queued.filter((item) => item.kind === 'card.update').map((item) => item.payload.escalationId)).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    // One theme card update for the whole resolution, not one per escalation resolved.
    expect(queued.filter((item) => item.kind === 'theme.card.update')).toHaveLength(1);

    const repeated = await resolveTheme(fixture.deps, {
      themeId: theme.id,
      note: 'again',
      actorId: 'UADV2',
      via: 'modal',
    });
    // Nothing is sent in domain tests, so everything is still waiting; a second resolve queues nothing new.
    expect(repeated).toMatchObject({ kind: 'already-resolved' });
    expect((await fixture.queued()).length).toBe(before + queued.length);
    expect((await findTheme(fixture.db.prisma, theme.id))!.resolutionNote).toContain('Fixed the PDF');
  });

  it('refuses to link to a resolved theme and links nothing', async () => {
    const a = await flag('Oscorp');
    const b = await flag('Oscorp');
    const { theme } = await createTheme(fixture.deps, {
      title: 'Login loops',
      escalationIds: [a.id],
      actorId: 'UADV1',
      via: 'command',
    });
    await resolveTheme(fixture.deps, { themeId: theme.id, note: 'Fixed', actorId: 'UADV1', via: 'modal' });
    await expect(
      linkToTheme(fixture.deps, { themeId: theme.id, escalationIds: [b.id], actorId: 'UADV1', via: 'command' }),
    ).rejects.toMatchObject({ userMessage: expect.stringMatching(/^THM-\d+ is resolved; nothing was linked/) });
  });

  it('creates a suggested theme without taking escalations from another theme, and only once', async () => {
    const a = await flag('Gringotts');
    const b = await flag('Monsters Inc');
    const c = await flag('Vandelay');
    const d = await flag('Kramerica');
    await createTheme(fixture.deps, { title: 'Elsewhere', escalationIds: [d.id], actorId: 'UADV1', via: 'command' });
    const outcome = await createSuggestedTheme(fixture.deps, {
      tag: 'billing',
      escalationIds: [a.id, b.id, c.id, d.id],
      actorId: 'UADV2',
      via: 'button',
    });
    expect(outcome.theme).toMatchObject({ title: '#billing: 3 customers', ownerId: 'UADV2' });
    expect(outcome.linked).toEqual([a.id, b.id, c.id]);
    expect(outcome.keptElsewhere.map((kept) => kept.escalationId)).toEqual([d.id]);
    const themes = await fixture.db.prisma.theme.count();
    await expect(
      createSuggestedTheme(fixture.deps, {
        tag: 'billing',
        escalationIds: [a.id, b.id, c.id],
        actorId: 'UADV1',
        via: 'button',
      }),
    ).rejects.toMatchObject({ userMessage: expect.stringContaining('already in a theme') });
    expect(await fixture.db.prisma.theme.count()).toBe(themes);
  });
  it('applies two resolutions at once as one, and two suggestion presses at once as one theme', async () => {
    const a = await flag('Nakatomi', { reporterId: 'UAGENT1' });
    const b = await flag('Weyland', { reporterId: 'UAGENT2' });
    const { theme } = await createTheme(fixture.deps, {
      title: 'Slow search',
      escalationIds: [a.id, b.id],
      actorId: 'UADV1',
      via: 'command',
    });
    const before = (await fixture.queued()).length;
    const outcomes = await Promise.all(
      ['UADV1', 'UADV2'].map((actorId) =>
        resolveTheme(fixture.deps, { themeId: theme.id, note: `fixed by ${actorId}`, actorId, via: 'modal' }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['already-resolved', 'resolved']);
    const queued = await keysSince(before);
    expect(queued.filter((item) => item.kind === 'theme.resolved.notice')).toHaveLength(2);
    expect(queued.filter((item) => item.kind === 'escalation.note')).toHaveLength(2);
    const resolvedEntries = await fixture.db.prisma.timelineEntry.count({
      where: { escalationId: { in: [a.id, b.id] }, action: 'resolved' },
    });
    expect(resolvedEntries).toBe(2);

    const c = await flag('Initrode');
    const d = await flag('Prestige');
    const e = await flag('Virtucon');
    const themes = await fixture.db.prisma.theme.count();
    const presses = await Promise.allSettled(
      ['UADV1', 'UADV2'].map((actorId) =>
        createSuggestedTheme(fixture.deps, {
          tag: 'billing',
          escalationIds: [c.id, d.id, e.id],
          actorId,
          via: 'button',
        }),
      ),
    );
    expect(presses.map((press) => press.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await fixture.db.prisma.theme.count()).toBe(themes + 1);
    const linked = await fixture.db.prisma.escalation.findMany({ where: { id: { in: [c.id, d.id, e.id] } } });
    expect(new Set(linked.map((row) => row.themeId)).size).toBe(1);
  });
});
