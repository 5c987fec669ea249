import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeEscalation } from '../../../src/core/escalations/change-escalation';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import { detractorsWithoutAdvocate } from '../../../src/core/surveys/detractors-without-advocate';
import { openEscalationForResponse } from '../../../src/core/surveys/open-escalation-for-response';
import { recordSurveyResponses } from '../../../src/core/surveys/record-responses';
import { days, hours } from '../../support/clock';
import { testProviders } from '../../support/databases';
import { createDomainFixture, type TDomainFixture } from '../../support/domain';

describe.each(testProviders())('recording survey responses on %s', (provider) => {
  let f: TDomainFixture;
  /** Customers handed to the at-risk evaluation, and whether their responses were committed by then. */
  const evaluated: { customerId: number; responsesCommitted: number }[] = [];
  beforeAll(async () => {
    f = await createDomainFixture(provider, '2026-11-25T10:00:00Z');
    f.deps.atRisk = {
      evaluate: async (subjects) => {
        for (const { customer } of subjects) {
          const committed = await f.db.prisma.surveyResponse.count({ where: { customerId: customer!.id } });
          evaluated.push({ customerId: customer!.id, responsesCommitted: committed });
        }
      },
    };
  });
  afterAll(async () => f.close());
  beforeEach(async () => {
    evaluated.length = 0;
    await f.db.prisma.timelineEntry.deleteMany();
    await f.db.prisma.surveyResponse.deleteMany();
    await f.db.prisma.escalationTag.deleteMany();
    await f.db.prisma.escalation.deleteMany();
    await f.db.prisma.outboxMessage.deleteMany();
  });

  const flag = (customer: string) =>
    flagEscalation(f.deps, {
      reporterId: 'U0AGENT001',
      sourceChannelId: 'C0SUPPORT1',
      summary: `trouble at ${customer}`,
      severity: 'medium',
      tags: [],
      customer,
      via: 'command',
    });

  it('stores responses with their customer, found case-insensitively or created once', async () => {
    const result = await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [
        { kind: 'nps', score: 9, customer: 'Acme Corp', comment: 'great' },
        { kind: 'csat', score: 4, customer: '  acme   corp ' },
        { kind: 'nps', score: 8, customer: 'Globex', respondedAt: new Date('2026-11-24T08:00:00Z') },
      ],
    });
    expect(result).toMatchObject({ accepted: 3, duplicates: 0 });
    const rows = await f.db.prisma.surveyResponse.findMany({ include: { customer: true }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.kind, row.score, row.customer.name, row.source])).toEqual([
      ['nps', 9, 'Acme Corp', 'webhook'],
      ['csat', 4, 'Acme Corp', 'webhook'],
      ['nps', 8, 'Globex', 'webhook'],
    ]);
    expect(rows[0]!.respondedAt).toEqual(f.clock.now());
    expect(rows[2]!.respondedAt).toEqual(new Date('2026-11-24T08:00:00Z'));
    expect(await f.db.prisma.customer.count({ where: { nameKey: 'acme corp' } })).toBe(1);
    // Globex's passive is evaluated once committed; Acme's promoter and CSAT 4 cannot put it at risk.
    expect(evaluated).toEqual([{ customerId: rows[2]!.customerId, responsesCommitted: 1 }]);
  });

  it('counts a repeated externalId once, across requests and within one', async () => {
    const first = await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [
        { kind: 'nps', score: 10, customer: 'Acme', externalId: 'r-1' },
        { kind: 'nps', score: 10, customer: 'Acme', externalId: 'r-1' },
      ],
    });
    const again = await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [
        { kind: 'nps', score: 10, customer: 'Acme', externalId: 'r-1' },
        { kind: 'nps', score: 3, customer: 'Acme', externalId: 'r-2' },
      ],
    });
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await f.db.prisma.surveyResponse.count()).toBe(2);
  });

  it('keeps the agent who recorded a response by hand', async () => {
    await recordSurveyResponses(f.deps, {
      source: 'manual',
      recordedById: 'U0AGENT001',
      responses: [{ kind: 'csat', score: 2, customer: 'Acme', comment: 'slow' }],
    });
    const row = await f.db.prisma.surveyResponse.findFirstOrThrow();
    expect(row).toMatchObject({ source: 'manual', recordedById: 'U0AGENT001', comment: 'slow' });
  });

  it('adds a detractor to the open escalation of its customer: timeline, link and a line in the card thread', async () => {
    const escalation = await flag('Acme');
    const { recorded } = await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [
        { kind: 'nps', score: 3, customer: 'ACME', comment: 'billing <again>' },
        { kind: 'nps', score: 9, customer: 'Acme' },
      ],
    });
    expect(recorded.map((entry) => entry.bridgedTo)).toEqual([escalation.id, null]);
    const detractor = await f.db.prisma.surveyResponse.findFirstOrThrow({ where: { score: 3 } });
    expect(detractor.escalationId).toBe(escalation.id);
    const timeline = await f.db.prisma.timelineEntry.findMany({ where: { escalationId: escalation.id } });
    expect(timeline.map((entry) => [entry.action, entry.toValue, entry.via])).toEqual([
      ['flagged', 'open', 'command'],
      ['detractor response', 'NPS 3', 'webhook'],
    ]);
    const lines = (await f.queued()).filter((item) => item.kind === 'escalation.note');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.payload).toMatchObject({ escalationId: escalation.id });
    expect(lines[0]!.text).toContain('NPS 3');
    expect(lines[0]!.text).toContain('billing &lt;again&gt;');
  });

  it('leaves a detractor of a customer without an open escalation for the open digest, for 7 days', async () => {
    const resolved = await flag('Acme');
    await changeEscalation(f.deps, {
      escalationId: resolved.id,
      kind: 'resolve',
      actorId: 'U0ADVOC001',
      via: 'button',
    });
    await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [
        { kind: 'nps', score: 2, customer: 'Acme', comment: 'awful' },
        { kind: 'csat', score: 1, customer: 'Globex', respondedAt: new Date(f.clock.now().getTime() - days(6)) },
        { kind: 'csat', score: 3, customer: 'Globex' },
        { kind: 'nps', score: 6, customer: 'Initech', respondedAt: new Date(f.clock.now().getTime() - days(8)) },
      ],
    });
    await flag('Umbrella');
    await recordSurveyResponses(f.deps, {
      source: 'webhook',
      responses: [{ kind: 'nps', score: 0, customer: 'Umbrella' }],
    });

    const found = await detractorsWithoutAdvocate(f.deps, f.clock.now(), 10);
    expect(found.total).toBe(2);
    expect(found.responses.map((response) => [response.kind, response.score, response.customer.name])).toEqual([
      ['csat', 1, 'Globex'],
      ['nps', 2, 'Acme'],
    ]);
    expect(found.responses.every((response) => response.escalationId === null)).toBe(true);
  });

  describe('the "Open escalation" button', () => {
    const detractor = async (customer = 'Acme', score = 2, comment: string | undefined = 'support never answered') => {
      const { recorded } = await recordSurveyResponses(f.deps, {
        source: 'webhook',
        responses: [{ kind: 'nps', score, customer, comment }],
      });
      return recorded[0]!.response;
    };

    it('opens ADV-n prefilled from the response, queues its card and links the response', async () => {
      const response = await detractor();
      const outcome = await openEscalationForResponse(f.deps, {
        responseId: response.id,
        actorId: 'U0ADVOC001',
        channelId: 'C0ADVOCATE',
      });
      expect(outcome.kind).toBe('created');
      expect(outcome.escalation).toMatchObject({
        summary: 'NPS 2 from Acme: “support never answered”',
        severity: 'high',
        status: 'open',
        reporterId: 'U0ADVOC001',
        sourceChannelId: 'C0ADVOCATE',
      });
      expect(outcome.escalation.customer?.name).toBe('Acme');
      expect(outcome.escalation.tags.map((tag) => tag.tag)).toEqual(['detractor']);
      expect((await f.db.prisma.surveyResponse.findUniqueOrThrow({ where: { id: response.id } })).escalationId).toBe(
        outcome.escalation.id,
      );
      const timeline = await f.db.prisma.timelineEntry.findMany({ where: { escalationId: outcome.escalation.id } });
      expect(timeline.map((entry) => entry.action)).toEqual(['flagged', 'opened from survey response']);
      expect((await f.queued()).filter((item) => item.kind === 'card.post')).toHaveLength(1);
      expect((await detractorsWithoutAdvocate(f.deps, f.clock.now(), 10)).total).toBe(0);
    });

    it('opens medium for a milder detractor and says when there was no comment', async () => {
      const response = await detractor('Globex', 5, '');
      const outcome = await openEscalationForResponse(f.deps, {
        responseId: response.id,
        actorId: 'U0ADVOC001',
        channelId: 'C0ADVOCATE',
      });
      expect(outcome.escalation).toMatchObject({ summary: 'NPS 5 from Globex (no comment)', severity: 'medium' });
    });

    it('opens nothing new when pressed twice, one after the other or at the same time', async () => {
      const response = await detractor();
      const press = () =>
        openEscalationForResponse(f.deps, { responseId: response.id, actorId: 'U0ADVOC001', channelId: 'C0ADVOCATE' });
      const first = await press();
      const second = await press();
      expect(second).toMatchObject({ kind: 'already-linked', escalation: { id: first.escalation.id } });

      const other = await detractor('Globex');
      const both = await Promise.all([
        openEscalationForResponse(f.deps, { responseId: other.id, actorId: 'U0ADVOC001', channelId: 'C0ADVOCATE' }),
        openEscalationForResponse(f.deps, { responseId: other.id, actorId: 'U0ADVOC002', channelId: 'C0ADVOCATE' }),
      ]);
      expect(both.map((outcome) => outcome.kind).sort()).toEqual(['already-linked', 'created']);
      expect(both[0].escalation.id).toBe(both[1].escalation.id);
      expect(await f.db.prisma.escalation.count()).toBe(2);
    });

    it('adds the response to an escalation the customer gained since the digest', async () => {
      const response = await detractor();
      f.clock.advance(hours(1));
      const escalation = await flag('Acme');
      const outcome = await openEscalationForResponse(f.deps, {
        responseId: response.id,
        actorId: 'U0ADVOC001',
        channelId: 'C0ADVOCATE',
      });
      expect(outcome).toMatchObject({ kind: 'attached', escalation: { id: escalation.id } });
      expect(await f.db.prisma.escalation.count()).toBe(1);
      const timeline = await f.db.prisma.timelineEntry.findMany({ where: { escalationId: escalation.id } });
      expect(timeline.map((entry) => entry.action)).toEqual(['flagged', 'detractor response']);
    });

    it('refuses a response that is not a detractor', async () => {
      const response = await detractor('Acme', 9);
      await expect(
        openEscalationForResponse(f.deps, { responseId: response.id, actorId: 'U0ADVOC001', channelId: 'C0ADVOCATE' }),
      ).rejects.toMatchObject({ userMessage: 'NPS 9 is not a detractor response; nothing was opened.' });
    });
  });
});
