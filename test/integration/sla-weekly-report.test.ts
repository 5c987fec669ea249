import { describe, expect, it } from 'vitest';
import { ADVOCATE_USERGROUP, Channels, People, useTestApp } from '../support/app-harness';
import { ManualClock } from '../support/clock';
import { testProviders } from '../support/databases';
import { blockText, type TPosted } from '../support/slack-text';

describe.each(testProviders())('the SLA part of the weekly report on %s', (provider) => {
  const t = useTestApp(provider, {
    clock: new ManualClock('2026-12-07T08:00:00Z'),
    env: {
      ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP,
      SLA_HIGH_HOURS: '1',
      SLA_RESOLVE_HIGH_HOURS: '4',
      SLA_TIER_POLICY: 'enterprise claim=0.5',
    },
  });
  const at = async (when: string, user: string, text: string, channel: string = Channels.advocates) => {
    t.clock.set(when);
    await t.slack.runSlashCommand(user, channel, text);
    await t.settle();
  };

  it('gives met % per severity and per tier, median and p90 time to claim and resolve, and the breaches by name', async () => {
    await at('2026-12-07T08:00:00Z', People.agent, '!high customer:"Acme Corp" refunds fail', Channels.support);
    await at('2026-12-07T08:01:00Z', People.advocate, 'customer set "Acme Corp" tier:enterprise');
    const [first] = await t.app.db.prisma.escalation.findMany({ orderBy: { id: 'asc' } });
    // Acme is enterprise: claimed in 20 m of its 30 m target, resolved in 2 h of 4.
    await at('2026-12-07T08:20:00Z', People.advocate, `claim ADV-${first!.id}`);
    await at('2026-12-07T10:00:00Z', People.advocate, `resolve ADV-${first!.id}`);
    // No account: claimed after 2 h of its 1 h target, and still open long after its 4 h resolve target.
    await at('2026-12-07T10:00:00Z', People.agent, '!high exports time out for everyone', Channels.support);
    const second = (await t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } })).id;
    await at('2026-12-07T12:00:00Z', People.advocate, `claim ADV-${second}`);
    // Its 72 h claim target still runs: not counted yet.
    await at('2026-12-09T09:00:00Z', People.agent, '!low a typo on the pricing page', Channels.support);

    await at('2026-12-09T10:00:00Z', People.advocate, 'digest nps');
    const report = (t.slack.messagesIn(Channels.advocates) as unknown as TPosted[]).find((m) =>
      m.text.startsWith('NPS & CSAT'),
    )!;
    expect(report.blocks!.length).toBeLessThanOrEqual(50);
    const text = blockText(report.blocks);
    for (const line of [
      '*SLAs* (the 3 escalations flagged this week; a target still running is not counted yet)',
      'Met: claim 50% (1/2) · resolve 50% (1/2)',
      'By severity: high claim 50% (1/2), resolve 50% (1/2) · low claim —, resolve —',
      'By tier: enterprise claim 100% (1/1), resolve 100% (1/1) · no tier claim 0% (0/1), resolve 0% (0/1)',
      'Time to claim (business hours): median 20m, p90 2h · to resolve: median 2h, p90 2h',
      `:rotating_light: Breaches: ADV-${second} (claim), ADV-${second} (resolve)`,
    ])
      expect(text).toContain(line);
  });
});
