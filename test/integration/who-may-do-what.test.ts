import { blockActionsBody, postToApp, viewSubmissionBody } from '@advocate/slack-standin';
import { beforeAll, describe, expect, it } from 'vitest';
import { THEME_RESOLVE_ACTION, ThemeResolveBlock } from '../../src/slack/themes/theme-resolve-modal';
import { THEME_LINK_TICKET_ACTION, ThemeLinkTicketBlock } from '../../src/slack/themes/theme-ticket-views';
import { ADVOCATE_USERGROUP, Channels, People, SIGNING_SECRET, useTestApp } from '../support/app-harness';
import { testProviders } from '../support/databases';
import { dmChannelOf } from '../support/slack-text';

/**
 * The README's "Who may do what", request by request: every sub-command, button (action id), form (view callback)
 * and the shortcut, sent as Slack sends it by an advocate (in the advocates' user group), an agent, a guest and a
 * bystander (reads #advocates, not in the group). Someone refused hears why privately; anyone else is not refused
 * and gets an answer (a reply, a modal, a post).
 */
type TRole = 'advocate' | 'agent' | 'guest' | 'bystander';
const ROLES: Record<TRole, string> = {
  advocate: People.advocate2,
  agent: People.agent2,
  guest: People.guest,
  bystander: People.bystander,
};
const ADVOCATES: TRole[] = ['advocate'];
const MEMBERS: TRole[] = ['advocate', 'agent', 'bystander'];
const ANYONE: TRole[] = ['advocate', 'agent', 'bystander', 'guest'];

const REFUSAL = /^(Only advocates \(|Guests of this workspace can't|You can see the escalations you flagged)/;

interface TSeed {
  /** ADV-n flagged by each member, and one flagged by someone else. */
  own: Partial<Record<TRole, number>>;
  others: number;
  themeId: number;
  customerId: number;
  responseId: number;
}

interface TRow {
  surface: string;
  allowed: TRole[];
  run: (userId: string, role: TRole) => Promise<unknown>;
}

describe.each(testProviders())('who may do what on %s', (provider) => {
  const t = useTestApp(provider, { env: { ADVOCATE_USERGROUP_ID: ADVOCATE_USERGROUP } });
  const seed = { own: {} } as TSeed;

  const command = (text: string) => (userId: string) => t.slack.runSlashCommand(userId, Channels.support, text);

  const press = (actionId: string, value: unknown) => (userId: string) =>
    postToApp(
      t.eventsUrl,
      SIGNING_SECRET,
      blockActionsBody({
        user: { id: userId, name: userId },
        channel: { id: Channels.advocates, name: 'advocates' },
        container: {
          type: 'message',
          message_ts: '1700000000.000100',
          channel_id: Channels.advocates,
          is_ephemeral: false,
        },
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value: JSON.stringify(value) }],
        responseUrl: t.slack.createResponseUrl({ channelId: Channels.advocates, userId }),
        triggerId: t.slack.issueTrigger(userId),
      }),
      'application/x-www-form-urlencoded',
    );

  const submit = (callbackId: string, metadata: unknown, values: Record<string, unknown>) => (userId: string) =>
    postToApp(
      t.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionBody({
        user: { id: userId, name: userId },
        view: {
          id: 'V0FORM0001',
          type: 'modal',
          callback_id: callbackId,
          private_metadata: JSON.stringify(metadata),
          state: { values },
        },
        triggerId: t.slack.issueTrigger(userId),
      }),
      'application/x-www-form-urlencoded',
    );
  const text = (value: string) => ({ type: 'plain_text_input', value });

  beforeAll(async () => {
    for (const role of ['advocate', 'agent', 'bystander'] as const) {
      await t.slack.runSlashCommand(
        ROLES[role],
        Channels.support,
        `!high #billing customer:"Acme Corp" ${role} flagged this`,
      );
    }
    await t.slack.runSlashCommand(People.agent, Channels.support, '#billing customer:Globex someone else flagged this');
    await t.settle();
    const escalations = await t.app.db.prisma.escalation.findMany({ orderBy: { id: 'asc' } });
    for (const escalation of escalations) {
      const role = (Object.keys(ROLES) as TRole[]).find((name) => ROLES[name] === escalation.reporterId);
      if (role) seed.own[role] = escalation.id;
      else seed.others = escalation.id;
    }
    await t.slack.runSlashCommand(People.advocate, Channels.support, `theme Billing woes ADV-${seed.others}`);
    await t.slack.runSlashCommand(People.advocate, Channels.support, 'nps 2 customer:Initech slow and buggy');
    await t.settle();
    seed.themeId = (await t.app.db.prisma.theme.findFirstOrThrow()).id;
    seed.customerId = (await t.app.db.prisma.customer.findFirstOrThrow({ where: { name: 'Acme Corp' } })).id;
    seed.responseId = (await t.app.db.prisma.surveyResponse.findFirstOrThrow()).id;
  });

  const ROWS: TRow[] = [
    { surface: '/advocate help', allowed: ANYONE, run: command('help') },
    { surface: '/advocate <summary>', allowed: MEMBERS, run: command('!low customer:Initech the export is slow') },
    { surface: '/advocate (the intake form)', allowed: MEMBERS, run: command('') },
    { surface: '/advocate nps', allowed: MEMBERS, run: command('nps 9 customer:Initech much better now') },
    { surface: '/advocate csat', allowed: MEMBERS, run: command('csat 5 customer:Initech') },
    {
      surface: '/advocate show (one they flagged)',
      allowed: MEMBERS,
      run: (user, role) => command(`show ADV-${seed.own[role] ?? seed.others}`)(user),
    },
    {
      surface: "/advocate show (someone else's)",
      allowed: ADVOCATES,
      run: (user) => command(`show ADV-${seed.others}`)(user),
    },
    { surface: '/advocate list', allowed: ADVOCATES, run: command('list') },
    { surface: '/advocate digest', allowed: ADVOCATES, run: command('digest') },
    { surface: '/advocate digest nps', allowed: ADVOCATES, run: command('digest nps') },
    { surface: '/advocate subscribe open', allowed: ADVOCATES, run: command('subscribe open') },
    { surface: '/advocate unsubscribe open', allowed: ADVOCATES, run: command('unsubscribe open') },
    { surface: '/advocate customer <name>', allowed: ADVOCATES, run: command('customer Acme Corp') },
    { surface: '/advocate customer at-risk', allowed: ADVOCATES, run: command('customer at-risk') },
    { surface: '/advocate customer merge', allowed: ADVOCATES, run: command('customer merge "Initech" "Globex"') },
    {
      surface: '/advocate theme <title> ADV-n',
      allowed: ADVOCATES,
      run: (u) => command(`theme Slow exports ADV-${seed.others}`)(u),
    },
    {
      surface: '/advocate theme THM-n ADV-n',
      allowed: ADVOCATES,
      run: (u) => command(`theme THM-${seed.themeId} ADV-${seed.others}`)(u),
    },
    {
      surface: '/advocate theme THM-n link',
      allowed: ADVOCATES,
      run: (u) => command(`theme THM-${seed.themeId} link https://github.com/acme/billing/issues/42`)(u),
    },
    {
      surface: '/advocate theme THM-n unlink',
      allowed: ADVOCATES,
      run: (u) => command(`theme THM-${seed.themeId} unlink https://github.com/acme/billing/issues/42`)(u),
    },
    { surface: '/advocate customer set', allowed: ADVOCATES, run: command('customer set "Acme Corp" tier:growth') },
    { surface: '/advocate channel', allowed: MEMBERS, run: command('channel') },
    { surface: '/advocate channel customer:', allowed: ADVOCATES, run: command('channel customer:"Acme Corp"') },
    { surface: '/advocate channel unlink', allowed: ADVOCATES, run: command('channel unlink') },
    { surface: '/advocate themes', allowed: ADVOCATES, run: command('themes') },
    {
      surface: '/advocate theme THM-n outcome',
      allowed: ANYONE,
      run: (u) => command(`theme THM-${seed.themeId} outcome`)(u),
    },
    {
      surface: '/advocate withdraw (one they flagged)',
      allowed: MEMBERS,
      run: (user, role) => command(`withdraw ADV-${seed.own[role] ?? seed.others} flagged by mistake`)(user),
    },
    { surface: '/advocate claim ADV-n', allowed: ADVOCATES, run: (u) => command(`claim ADV-${seed.others}`)(u) },
    { surface: '/advocate raise ADV-n', allowed: ADVOCATES, run: (u) => command(`raise ADV-${seed.others}`)(u) },
    {
      surface: '/advocate wait ADV-n customer',
      allowed: ADVOCATES,
      run: (u) => command(`wait ADV-${seed.others} customer`)(u),
    },
    { surface: '/advocate resume ADV-n', allowed: ADVOCATES, run: (u) => command(`resume ADV-${seed.others}`)(u) },
    {
      surface: '/advocate assign ADV-n',
      allowed: ANYONE,
      run: (u) => command(`assign ADV-${seed.others} <@${People.advocate}>`)(u),
    },
    ...['escalation_claim', 'escalation_resolve', 'escalation_reopen', 'escalation_raise'].map((actionId) => ({
      surface: `button ${actionId}`,
      allowed: ADVOCATES,
      run: (u: string) => press(actionId, { escalationId: seed.others })(u),
    })),
    {
      surface: 'button theme_resolve',
      allowed: ADVOCATES,
      run: (u) => press('theme_resolve', { themeId: seed.themeId })(u),
    },
    {
      surface: 'button theme_link_ticket',
      allowed: ADVOCATES,
      run: (u) => press('theme_link_ticket', { themeId: seed.themeId })(u),
    },
    {
      surface: 'button theme_create_suggested',
      allowed: ADVOCATES,
      run: (u) => press('theme_create_suggested', { tag: 'billing', escalationIds: [seed.own.agent!] })(u),
    },
    {
      surface: 'button customer_profile',
      allowed: ADVOCATES,
      run: (u) => press('customer_profile', { customerId: seed.customerId })(u),
    },
    {
      surface: 'button at_risk_open_escalation',
      allowed: ADVOCATES,
      run: (u) => press('at_risk_open_escalation', { customerId: seed.customerId })(u),
    },
    {
      surface: 'button theme_link_detractor',
      allowed: ADVOCATES,
      run: (u) => press('theme_link_detractor', { themeId: seed.themeId, responseId: seed.responseId })(u),
    },
    {
      surface: 'button detractor_open_escalation',
      allowed: ADVOCATES,
      run: (u) => press('detractor_open_escalation', { responseId: seed.responseId })(u),
    },
    {
      surface: 'form advocate_intake',
      allowed: MEMBERS,
      run: submit(
        'advocate_intake',
        { channelId: Channels.support },
        { summary: { value: text('The export is slow again') }, customer: { value: text('Initech') } },
      ),
    },
    {
      surface: 'form theme_resolve_note',
      allowed: ADVOCATES,
      run: (u) =>
        submit(
          'theme_resolve_note',
          { themeId: seed.themeId, channelId: Channels.advocates },
          { [ThemeResolveBlock.Note]: { [THEME_RESOLVE_ACTION]: text('Fixed the export') } },
        )(u),
    },
    {
      surface: 'form theme_link_ticket_url',
      allowed: ADVOCATES,
      run: (u) =>
        submit(
          'theme_link_ticket_url',
          { themeId: seed.themeId, channelId: Channels.advocates },
          {
            [ThemeLinkTicketBlock.Url]: {
              [THEME_LINK_TICKET_ACTION]: text('https://github.com/acme/billing/issues/7'),
            },
          },
        )(u),
    },
    {
      surface: 'shortcut flag_for_advocacy',
      allowed: MEMBERS,
      run: (u) => {
        const posted = t.slack.ws.post({
          channel: Channels.support,
          user: People.agent,
          text: 'Acme is double charged',
        });
        return t.slack.runMessageShortcut(u, Channels.support, posted.ts, 'flag_for_advocacy');
      },
    },
  ];

  /** What the person was told privately: ephemerals (and response_url answers), DMs, and their Home's notice. */
  const toldPrivately = (userId: string) => [
    ...t.slack.ephemeralsFor(userId).map((message) => message.text),
    ...(t.slack.messagesIn(dmChannelOf(userId)) as Array<{ text: string }>).map((message) => message.text),
  ];
  /** Anything Advocate did in answer, beyond looking people up. */
  const answered = (userId: string) =>
    toldPrivately(userId).length > 0 ||
    t.slack.calls.some((call) =>
      ['views.open', 'chat.postMessage', 'chat.update', 'views.publish'].includes(call.method),
    );

  const cases = ROWS.flatMap((row) =>
    (Object.keys(ROLES) as TRole[]).map((role) => ({ ...row, role, allowed: row.allowed.includes(role) })),
  );

  it.each(cases)('$surface by the $role: allowed $allowed', async ({ run, role, allowed }) => {
    const userId = ROLES[role];
    const response = (await run(userId, role)) as { status: number } | undefined;
    await t.settle();
    expect(response?.status).toBe(200);
    const refusals = toldPrivately(userId).filter((said) => REFUSAL.test(said));
    if (allowed) {
      expect(refusals).toEqual([]);
      expect(answered(userId)).toBe(true);
    } else {
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatch(
        role === 'guest' ? /./ : /To become an advocate, ask a workspace admin to add you to/,
      );
    }
  });

  it('refuses a guest privately, saying who may and how to become one, and stores nothing', async () => {
    const before = await t.escalationCount();
    await t.slack.runSlashCommand(People.guest, Channels.support, '!high customer:Initech guests cannot flag');
    await t.slack.runSlashCommand(People.guest, Channels.support, 'nps 0 customer:Initech terrible');
    await t.settle();
    expect(toldPrivately(People.guest)).toEqual([
      expect.stringMatching(
        /^Guests of this workspace can't flag conversations; nothing was changed\. Ask a full member/,
      ),
      expect.stringMatching(/^Guests of this workspace can't record survey responses; nothing was changed\./),
    ]);
    expect(await t.escalationCount()).toBe(before);
    expect(await t.app.db.prisma.surveyResponse.count({ where: { comment: 'terrible' } })).toBe(0);
  });

  it("lets an agent see an escalation they flagged but not someone else's, without its summary", async () => {
    await t.slack.runSlashCommand(People.agent2, Channels.support, `show ADV-${seed.own.agent}`);
    await t.slack.runSlashCommand(People.agent2, Channels.support, `show ADV-${seed.others}`);
    await t.settle();
    // The two answers travel by response_url and may arrive in either order.
    const answers = t.slack.ephemeralsFor(People.agent2);
    expect(answers).toHaveLength(2);
    const own = answers.find((answer) => !answer.text?.startsWith('You can see the escalations you flagged'));
    const other = answers.find((answer) => answer !== own);
    expect(JSON.stringify(own)).toContain('agent flagged this');
    expect(other?.text).toMatch(
      new RegExp(`^You can see the escalations you flagged; \\*ADV-${seed.others}\\* is not one`),
    );
    expect(JSON.stringify(other)).not.toContain('someone else flagged this');
  });
});
