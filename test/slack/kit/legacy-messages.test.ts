/**
 * Rows an older version queued carry words (`text`) and named views instead of typed events. A deployment upgraded
 * with such rows still waiting must send them as they were meant, once, and never fail on them.
 */
import { describe, expect, it } from 'vitest';
import { LEGACY_VIEW_NAMES } from '../../../src/app/composition';
import { flagEscalation } from '../../../src/core/escalations/flag-escalation';
import type { TOutboxItem } from '../../../src/core/shared/outbox/outbox-messages';
import { enqueueOutbox } from '../../../src/core/shared/outbox/outbox-repository';
import { Channels, People, useTestApp } from '../../support/app-harness';
import { testProviders } from '../../support/databases';
import { dmChannelOf } from '../../support/slack-text';

type TPosted = { text: string; ts: string; blocks?: { type: string; text?: { text: string } }[] };

describe.each(testProviders())('outbox rows queued by an older version on %s', (provider) => {
  const t = useTestApp(provider);

  const queue = async (items: TOutboxItem[]) => {
    await enqueueOutbox(t.app.db.sql, items, t.clock.now());
    await t.drainOutbox();
    await t.settle();
  };

  it('sends a thread line, a DM and a named-view channel message written as words', async () => {
    const escalation = await flagEscalation(t.app.services.deps, {
      reporterId: People.agent,
      sourceChannelId: Channels.support,
      summary: 'Exports time out for the whole team',
      severity: 'high',
      tags: [],
      via: 'command',
    });
    await t.settle();
    const card = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } });
    expect(card.cardTs).toBeTruthy();

    await queue([
      {
        dedupeKey: `legacy:${provider}:thread`,
        message: { kind: 'thread.line', escalationId: escalation.id, text: ':eyes: an older claim line' },
      },
      {
        dedupeKey: `legacy:${provider}:dm`,
        message: { kind: 'direct.message', userId: People.agent, text: 'An older note for the reporter' },
      },
      {
        dedupeKey: `legacy:${provider}:at-risk`,
        message: {
          kind: 'channel.message',
          channelId: Channels.advocates,
          text: 'Legacy Corp is now at risk',
          view: {
            name: LEGACY_VIEW_NAMES.atRiskAnnouncement,
            data: {
              customerId: 1,
              name: 'Legacy Corp',
              arr: 120_000,
              reasons: [{ kind: 'severe-escalation', escalations: [{ id: escalation.id, severity: 'high' }] }],
            },
          },
        },
      },
    ]);

    const thread = t.slack.threadOf(Channels.advocates, card.cardTs!) as TPosted[];
    expect(thread.map((message) => message.text)).toContain(':eyes: an older claim line');
    const dms = t.slack.messagesIn(dmChannelOf(People.agent)) as TPosted[];
    expect(dms.map((message) => message.text)).toContain('An older note for the reporter');
    // The named view words the message itself, blocks and notification text alike.
    const announcement = (t.slack.messagesIn(Channels.advocates) as TPosted[]).find((message) =>
      JSON.stringify(message.blocks ?? []).includes('Legacy Corp'),
    );
    expect(announcement, 'the at-risk announcement from its named view').toBeDefined();
    expect(announcement!.text).toContain('Legacy Corp');
    expect(JSON.stringify(announcement!.blocks)).toContain(`ADV-${escalation.id}`);

    // Sent once: a second drain finds nothing left to send.
    const before = t.slack.messagesIn(Channels.advocates).length;
    await t.drainOutbox();
    await t.settle();
    expect(t.slack.messagesIn(Channels.advocates)).toHaveLength(before);
    const pending = await t.app.db.prisma.outboxMessage.count({
      where: { dedupeKey: { startsWith: `legacy:${provider}:` }, status: { not: 'sent' } },
    });
    expect(pending).toBe(0);
  });
});
