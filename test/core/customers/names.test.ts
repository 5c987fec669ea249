import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerNameKey,
  findCustomerByName,
  findOrCreateCustomer,
} from '../../../src/core/customers/customers-repository';
import { mergeCustomers } from '../../../src/core/customers/merge-customers';
import { rankByName, trigramSimilarity } from '../../../src/core/customers/name-similarity';
import { recordCustomerEvents } from '../../../src/core/customers/record-lifecycle';
import { suggestCustomerNames } from '../../../src/core/customers/suggest-customers';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { recordSurveyResponses } from '../../../src/core/surveys/record-responses';
import { days } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

describe('customer names', () => {
  it('match case- and whitespace-insensitively', () => {
    expect(customerNameKey('  Acme   CORP ')).toBe('acme corp');
    expect(customerNameKey('acme\tcorp')).toBe(customerNameKey('Acme Corp'));
  });

  it('rank close names by trigram similarity, typed parts of a name included', () => {
    expect(trigramSimilarity('acme corp', 'acme corp')).toBe(1);
    expect(trigramSimilarity('acme corp', 'acne corp')).toBeGreaterThan(0.4);
    expect(trigramSimilarity('acme corp', 'globex')).toBe(0);
    const candidates = ['Acme Corp', 'Acme Industries', 'Acne Corp', 'Globex', 'Initech'].map((name) => ({
      name,
      nameKey: customerNameKey(name),
    }));
    // Legal forms ("corp", "inc") are left out of the comparison: they tell no company apart.
    expect(rankByName('acme corporation', candidates, 3).map((c) => c.name)).toEqual([
      'Acme Corp',
      'Acme Industries',
      'Acne Corp',
    ]);
    expect(rankByName('acme inc', candidates, 2).map((c) => c.name)).toEqual(['Acme Corp', 'Acme Industries']);
    expect(rankByName('initek', candidates, 5).map((c) => c.name)).toEqual(['Initech']);
    expect(rankByName('zebra', candidates, 5)).toEqual([]);
  });
});

describe.each(testProviders())('finding and merging customers on %s', (provider) => {
  let f: TDomainFixture;
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
  });
  afterAll(async () => f.close());

  const flag = (customer: string, severity: 'low' | 'medium' = 'medium') =>
    flagEscalation(f.deps, {
      reporterId: 'UAGENT1',
      sourceChannelId: 'CSUPPORT',
      summary: `trouble at ${customer}`,
      severity,
      tags: [],
      customer,
      via: 'command',
    });
  const merge = (from: string, into: string, actorId = 'UADV1') =>
    mergeCustomers(f.deps, { from, into, actorId, via: 'command' });

  it('finds one record whatever the case and spacing, created on first mention', async () => {
    const first = (await findOrCreateCustomer(f.db.sql, 'Umbrella  Corp', f.clock.now())).customer;
    const again = (await findOrCreateCustomer(f.db.sql, ' umbrella corp ', f.clock.now())).customer;
    expect(again.id).toBe(first.id);
    expect(first.name).toBe('Umbrella Corp');
    const escalation = await flag('UMBRELLA CORP');
    expect(escalation.customerId).toBe(first.id);
    expect(await f.db.prisma.customer.count({ where: { nameKey: 'umbrella corp' } })).toBe(1);
  });

  it('moves escalations, responses, lifecycle events and timeline to the survivor, with a timeline entry', async () => {
    const target = (await findOrCreateCustomer(f.db.sql, 'Acme Corp', f.clock.now())).customer;
    await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer: 'Acme Corp', event: 'active', at: new Date('2026-01-10T00:00:00Z'), arr: 50_000 }],
    });
    const open = await flag('Acme');
    await flag('acme', 'low');
    await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [{ kind: 'nps', score: 3, customer: 'ACME', comment: 'slow support' }],
    });
    await recordCustomerEvents(f.deps, {
      source: 'webhook',
      events: [{ customer: 'Acme', event: 'renewed', at: new Date('2026-06-01T00:00:00Z'), arr: 60_000 }],
    });
    const alias = (await findCustomerByName(f.db.prisma, 'Acme'))!;
    const detractorTimeline = await f.db.prisma.timelineEntry.count({ where: { customerId: alias.id } });
    expect(detractorTimeline).toBe(1); // the detractor was bridged to the open escalation
    const queuedBefore = (await f.queued()).length;

    const result = await merge('acme', 'ACME corp');
    expect(result).toMatchObject({
      alreadyMerged: false,
      alias: { id: alias.id, mergedIntoId: target.id },
      target: { id: target.id, name: 'Acme Corp', status: 'active', arr: 60_000 },
      moved: { escalations: 2, surveyResponses: 1, lifecycleEvents: 1, timelineEntries: 1 },
    });
    // Active since January: the alias's June renewal continues the run rather than starting a new one.
    expect(result.target.statusSince).toEqual(new Date('2026-01-10T00:00:00Z'));
    expect((await findCustomerByName(f.db.prisma, ' ACME '))!.id).toBe(target.id);
    expect(await f.db.prisma.escalation.count({ where: { customerId: alias.id } })).toBe(0);
    expect(await f.db.prisma.surveyResponse.count({ where: { customerId: target.id } })).toBe(1);
    const timeline = await f.db.prisma.timelineEntry.findMany({
      where: { customerId: target.id },
      orderBy: { id: 'asc' },
    });
    expect(timeline.at(-1)).toMatchObject({
      action: 'merged',
      fromValue: 'Acme',
      toValue: 'Acme Corp',
      actorId: 'UADV1',
      via: 'command',
      detail: 'moved 2 escalations, 1 survey response, 1 lifecycle event',
    });
    // The open cards now name the survivor.
    const queued = (await f.queued()).slice(queuedBefore);
    expect(queued.map((item) => item.dedupeKey)).toContain(`escalation:${open.id}:customer-merged:${alias.id}`);
    // A flag naming the alias lands on the survivor.
    expect((await flag('acme')).customerId).toBe(target.id);
  });

  it('says a retried merge was already done, and changes nothing', async () => {
    const target = (await findCustomerByName(f.db.prisma, 'Acme Corp'))!;
    const timelineBefore = await f.db.prisma.timelineEntry.count({ where: { customerId: target.id } });
    const queuedBefore = (await f.queued()).length;
    const retry = await merge('Acme', 'Acme Corp');
    expect(retry).toMatchObject({ alreadyMerged: true, alias: { name: 'Acme' }, target: { name: 'Acme Corp' } });
    expect(await f.db.prisma.timelineEntry.count({ where: { customerId: target.id } })).toBe(timelineBefore);
    expect((await f.queued()).length).toBe(queuedBefore);
  });

  it('refuses a merge into itself, into a merged record, or of an alias merged elsewhere, with a clear answer', async () => {
    (await findOrCreateCustomer(f.db.sql, 'Globex', f.clock.now())).customer;
    await expect(merge('Acme Corp', ' acme  corp')).rejects.toMatchObject({
      code: 'invalid_input',
      userMessage: expect.stringContaining('cannot be merged into itself'),
    });
    await expect(merge('Acme Corp', 'Acme')).rejects.toMatchObject({
      code: 'invalid_input',
      userMessage: '“Acme” is already merged into “Acme Corp”: they are one customer. Nothing was changed.',
    });
    await expect(merge('Globex', 'Acme')).rejects.toMatchObject({
      code: 'conflict',
      userMessage: '“Acme” was itself merged into “Acme Corp”; merge into “Acme Corp” instead. Nothing was changed.',
    });
    await expect(merge('Acme', 'Globex')).rejects.toMatchObject({
      code: 'conflict',
      userMessage: '“Acme” was already merged into “Acme Corp”, not “Globex”. Nothing was changed.',
    });
    await expect(merge('Acme Crop', 'Globex')).rejects.toMatchObject({
      code: 'not_found',
      userMessage: 'There is no customer named “Acme Crop”. Did you mean “Acme Corp”?',
    });
    expect((await findCustomerByName(f.db.prisma, 'Globex'))!.mergedIntoId).toBeNull();
  });

  it('applies two merges of one alias at once exactly once (the other reports it done)', async () => {
    (await findOrCreateCustomer(f.db.sql, 'Initech', f.clock.now())).customer;
    await flag('Initech Inc');
    const results = await Promise.all([merge('Initech Inc', 'Initech'), merge('initech inc', 'initech', 'UADV2')]);
    expect(results.map((r) => r.alreadyMerged).sort()).toEqual([false, true]);
    const target = (await findCustomerByName(f.db.prisma, 'Initech'))!;
    expect(await f.db.prisma.timelineEntry.count({ where: { customerId: target.id, action: 'merged' } })).toBe(1);
    expect(await f.db.prisma.escalation.count({ where: { customerId: target.id } })).toBe(1);
  });

  it('suggests the closest names for an unknown one, following merges, and nothing for a stranger', async () => {
    for (const name of ['Acme Industries', 'Hooli', 'Pied Piper', 'Initrode'])
      (await findOrCreateCustomer(f.db.sql, name, f.clock.now())).customer;
    expect(await suggestCustomerNames(f.db.prisma, 'acme corporation')).toEqual(['Acme Corp', 'Acme Industries']);
    // "Acme" itself is an alias: it suggests the record it was merged into, first.
    expect(await suggestCustomerNames(f.db.prisma, 'acme')).toEqual(['Acme Corp', 'Acme Industries']);
    expect(await suggestCustomerNames(f.db.prisma, 'acme inc')).toEqual(['Acme Corp', 'Acme Industries']);
    expect(await suggestCustomerNames(f.db.prisma, 'pied pipers')).toEqual(['Pied Piper']);
    expect((await suggestCustomerNames(f.db.prisma, 'initek'))[0]).toBe('Initech');
    // "Acme" is an alias: it suggests the record it was merged into, once.
    expect(await suggestCustomerNames(f.db.prisma, 'acm')).toEqual(['Acme Corp', 'Acme Industries']);
    expect(await suggestCustomerNames(f.db.prisma, 'zebra')).toEqual([]);
    f.clock.advance(days(1));
  });
});
