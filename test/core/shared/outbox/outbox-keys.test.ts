import { describe, expect, it } from 'vitest';
import { outboxKey, outboxKeyPrefix } from '../../../../src/core/shared/outbox/outbox-keys';

// Keys are stored with queued rows: a key built differently after an upgrade would send its message again.
describe('outbox keys', () => {
  const at = new Date('2026-11-25T10:00:00.000Z');

  it('builds the keys older versions stored, byte for byte', () => {
    expect([
      outboxKey.escalationCard(7),
      outboxKey.escalationChange(7, 3, 'thread'),
      outboxKey.slaReminder(7, 2),
      outboxKey.customerMerged(7, 4),
      outboxKey.surveyBridge(12, 7),
      outboxKey.customerAtRisk(4, '2026-11-25'),
      outboxKey.atRiskCrowd(at),
      outboxKey.digestUnreachable({ kind: 'open', channelId: 'C1', period: '2026-11-25' }),
      outboxKey.themeCard(2),
      outboxKey.themeFollowsEscalation(2, 7, 3),
      outboxKey.themeResolved(2, 'thread:7'),
      outboxKey.themeLinked(2, 40, 'from:1:card'),
      outboxKey.ticketLinked(2, 5, 41),
      outboxKey.ticketsLinkedCard(2, at, ['acme/app#1', 'OPS-2']),
      outboxKey.ticketUnlinked(2, 5, 42, 'thread'),
      outboxKey.ticketUpdate(2, 5, { state: 'closed', at }, 'resolved-reopen'),
      outboxKey.ticketsClosed(2, 1, 'ended:card'),
    ]).toEqual([
      'escalation:7:card',
      'escalation:7:v3:thread',
      'escalation:7:reminder:2',
      'escalation:7:customer-merged:4',
      'survey:12:bridge:7',
      'customer:4:at-risk:2026-11-25',
      'customers:at-risk:crowd:2026-11-25T10:00:00.000Z',
      'digest:open:C1:2026-11-25:unreachable',
      'theme:2:card',
      'theme:2:escalation:7:v3:card',
      'theme:2:resolve:thread:7',
      'theme:2:link:40:from:1:card',
      'theme:2:ticket:5:linked:41',
      `theme:2:tickets-linked:${at.getTime()}:acme/app#1,OPS-2:card`,
      'theme:2:ticket:5:unlinked:42:thread',
      `theme:2:ticket:5:closed:${at.getTime()}:resolved-reopen`,
      'theme:2:tickets-closed:1:ended:card',
    ]);
  });

  it('gives every key of an escalation or a theme its prefix, and no other', () => {
    const ofEscalation7 = [outboxKey.escalationCard(7), outboxKey.escalationChange(7, 1, 'card')];
    expect(ofEscalation7.every((key) => key.startsWith(outboxKeyPrefix.escalation(7)))).toBe(true);
    expect(outboxKey.escalationCard(70).startsWith(outboxKeyPrefix.escalation(7))).toBe(false);
    const ofTheme2 = [
      outboxKey.themeCard(2),
      outboxKey.themeResolved(2, 'card'),
      outboxKey.ticketsClosed(2, 1, 'card'),
    ];
    expect(ofTheme2.every((key) => key.startsWith(outboxKeyPrefix.theme(2)))).toBe(true);
    expect(outboxKey.themeCard(20).startsWith(outboxKeyPrefix.theme(2))).toBe(false);
  });

  it('keeps the parts of one change apart', () => {
    const parts = (['card', 'thread', 'reporter'] as const).map((part) => outboxKey.escalationChange(7, 3, part));
    expect(new Set(parts).size).toBe(3);
    expect(outboxKey.escalationChange(7, 3, 'card')).not.toBe(outboxKey.escalationChange(7, 4, 'card'));
  });
});
