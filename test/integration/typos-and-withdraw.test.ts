import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSurveyImportCli } from '../../src/cli/import-surveys';
import { ADVOCATE_USERGROUP, Channels, People, type TTestApp, useTestApp } from '../support/app-harness';
import { CapturedOutput } from '../support/captured-output';
import { testProviders } from '../support/databases';
import { blockText, dmChannelOf, type TBlock } from '../support/slack-text';

type TMessage = { text: string; ts: string; blocks?: TBlock[] };

const cardsIn = (t: TTestApp) => t.slack.messagesIn(Channels.advocates) as TMessage[];
const lastEphemeral = (t: TTestApp, user: string) => {
  const last = t.slack.ephemeralsFor(user).at(-1) as TMessage | undefined;
  return `${last?.text ?? ''}\n${blockText(last?.blocks)}`;
};

describe.each(testProviders())('typos and withdrawing on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });
  const run = async (user: string, text: string) => {
    const response = await t.slack.runSlashCommand(user, Channels.support, text);
    expect(response?.status).toBe(200);
    await t.settle();
  };
  const flag = async (user: string, text: string) => {
    await run(user, text);
    return t.app.db.prisma.escalation.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };

  it.each([
    ['shwo ADV-3', '/advocate show ADV-3'],
    ['calim ADV-4', '/advocate claim ADV-4'],
    ['claim ADV4', '/advocate claim ADV-4'],
  ])('`/advocate %s` posts no card and asks whether `%s` was meant', async (text, meant) => {
    const before = cardsIn(t).length;
    await run(People.advocate, text);
    expect(await t.app.db.prisma.escalation.count()).toBe(0);
    expect(cardsIn(t)).toHaveLength(before);
    const answer = lastEphemeral(t, People.advocate);
    expect(answer).toContain(`Did you mean \`${meant}\`?`);
    expect(answer).toContain(`To flag it as written: \`/advocate flag ${text}\``);
  });

  it('keeps what the agent wrote: `URGENT:` and the line breaks of a paste', async () => {
    const stored = await flag(People.agent, 'URGENT: Checkout fails\nsteps: add card, pay\n!high');
    expect(stored.summary).toBe('URGENT: Checkout fails\nsteps: add card, pay');
    expect(stored.severity).toBe('high');
  });

  it('takes `customer:Acme Corp` unquoted as "Acme Corp" when that customer exists', async () => {
    await run(People.agent, 'customer:"Acme Corp" first report here');
    const stored = await flag(People.agent, 'customer:Acme Corp invoices are doubled');
    const customer = await t.app.db.prisma.customer.findUniqueOrThrow({ where: { id: stored.customerId! } });
    expect(customer.name).toBe('Acme Corp');
    expect(stored.summary).toBe('invoices are doubled');
    // No such longer customer: the first word is the name, as before.
    const other = await flag(People.agent, 'customer:Initech printers are jammed');
    expect((await t.app.db.prisma.customer.findUniqueOrThrow({ where: { id: other.customerId! } })).name).toBe(
      'Initech',
    );
    expect(other.summary).toBe('printers are jammed');
  });

  it('lets the reporter withdraw a mistaken escalation: off the list and digest, card says withdrawn, no DMs, not resolved', async () => {
    const mistaken = await flag(People.agent, 'invoice for Hooli looks doubled');
    const kept = await flag(People.agent2, 'exports are timing out');
    await run(People.advocate, `claim ADV-${mistaken.id}`);
    const dmsBefore = t.slack.messagesIn(dmChannelOf(People.agent)).length;

    await run(People.agent2, `withdraw ADV-${mistaken.id}`);
    expect(lastEphemeral(t, People.agent2)).toContain('Only the person who flagged');
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: mistaken.id } })).status).toBe('claimed');

    await run(People.agent, `withdraw ADV-${mistaken.id} typo, meant show`);
    expect(lastEphemeral(t, People.agent)).toContain(`ADV-${mistaken.id}* is withdrawn`);
    const stored = await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: mistaken.id } });
    expect(stored.status).toBe('withdrawn');
    expect(stored.resolvedAt).toBeNull();
    const entry = await t.app.db.prisma.timelineEntry.findFirstOrThrow({
      where: { escalationId: mistaken.id, action: 'withdrawn' },
    });
    expect(entry.detail).toBe('typo, meant show');

    const card = cardsIn(t).find((message) => message.ts === stored.cardTs)!;
    expect(blockText(card.blocks)).toContain('withdrawn');
    expect(blockText(card.blocks)).not.toContain('escalation_resolve');
    expect(t.slack.messagesIn(dmChannelOf(People.agent))).toHaveLength(dmsBefore);

    await run(People.advocate, 'list');
    const list = lastEphemeral(t, People.advocate);
    expect(list).toContain(`ADV-${kept.id}`);
    expect(list).not.toContain(`ADV-${mistaken.id}`);
    await t.slack.runSlashCommand(People.advocate, Channels.advocates, 'digest');
    await t.settle();
    const digest = cardsIn(t).at(-1)!;
    expect(blockText(digest.blocks)).not.toContain(`ADV-${mistaken.id}`);

    await run(People.advocate, `resolve ADV-${mistaken.id}`);
    expect(lastEphemeral(t, People.advocate)).toContain('was withdrawn');
    expect((await t.app.db.prisma.escalation.findUniqueOrThrow({ where: { id: mistaken.id } })).status).toBe(
      'withdrawn',
    );
  });

  it('tells the agent how it was resolved, with a link to the card', async () => {
    const escalation = await flag(People.agent, 'refund never arrived for Hooli');
    await run(People.advocate, `resolve ADV-${escalation.id} refunded by hand; fixed in 2.3`);
    const dm = (t.slack.messagesIn(dmChannelOf(People.agent)) as TMessage[]).at(-1)!;
    expect(dm.text).toContain(
      `*ADV-${escalation.id}* “refund never arrived for Hooli” was resolved by <@${People.advocate}>`,
    );
    expect(dm.text).toContain('> refunded by hand; fixed in 2.3');
    expect(dm.text).toMatch(/<https:\/\/[^|]+\/archives\/C0ADVOCATE\/p\d+\|View the card>/);
  });

  it('lists withdraw and the advocate verbs in help', async () => {
    await run(People.agent, 'help');
    const help = lastEphemeral(t, People.agent);
    expect(help).toContain('/advocate withdraw ADV-12 [reason]');
    expect(help).toContain('/advocate claim|resolve|reopen|raise ADV-12');
  });

  it('sends what `npm run import` queued at the running app’s next outbox pass, one line for many responses', async () => {
    const escalation = await flag(People.agent, 'customer:"Initrode" invoices doubled again');
    const dir = mkdtempSync(path.join(tmpdir(), 'advocate-import-app-'));
    try {
      const csv = path.join(dir, 'initrode.csv');
      // Within the last week: news for the open escalation.
      const at = (i: number) => new Date(escalation.createdAt.getTime() - (i + 1) * 60_000).toISOString();
      const rows = Array.from({ length: 12 }, (_, i) => `init-${i},Initrode,${i % 7},${at(i)}`);
      writeFileSync(csv, ['Response ID,Company,Score,Response Date', ...rows].join('\n'));
      const stdout = new CapturedOutput();
      const code = await runSurveyImportCli([csv], {
        stdout,
        stderr: new CapturedOutput(),
        env: { DATABASE_URL: t.database.url },
        clock: t.app.services.deps.clock,
      });
      expect(code).toBe(0);
      expect(stdout.text).toContain('  12 detractors posted');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // What the app's background loop does every few seconds: the lines are due now, not leased to the exited CLI.
    await t.app.services.dispatcher.drainDue();
    await t.settle();
    const thread = t.slack.threadOf(Channels.advocates, escalation.cardTs!) as TMessage[];
    const lines = thread.filter((message) => message.text.includes('detractor response'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toMatch(/^:speech_balloon: 12 new detractor responses from \*Initrode\*/);
  });
});
