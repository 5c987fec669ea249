import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/slack/commands/parse-command';

const command = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.problem}`);
  return result.command;
};
const problem = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.problem;
};

describe('/advocate grammar', () => {
  it('reads severity, tags and a quoted customer anywhere in a flag', () => {
    expect(command('!high #billing customer:"Acme Corp" double charged')).toEqual({
      kind: 'flag',
      summary: 'double charged',
      severity: 'high',
      tags: ['billing'],
      customer: 'Acme Corp',
    });
    expect(command('login loops forever customer:Initech #sso #Login !critical')).toMatchObject({
      summary: 'login loops forever',
      severity: 'critical',
      tags: ['sso', 'login'],
      customer: 'Initech',
    });
  });

  it('defaults the severity to medium and leaves the customer unset', () => {
    expect(command('export is very slow')).toEqual({
      kind: 'flag',
      summary: 'export is very slow',
      severity: 'medium',
      tags: [],
    });
  });

  it('treats a first word that is a sub-command as that sub-command, and `flag` as the escape', () => {
    expect(command('list')).toEqual({ kind: 'list' });
    expect(problem('list view broken for Acme')).toMatch(/`list` takes no arguments/);
    expect(command('flag list view broken for Acme')).toMatchObject({
      kind: 'flag',
      summary: 'list view broken for Acme',
    });
  });

  it('answers an unknown single word as an unknown sub-command', () => {
    expect(problem('frobnicate')).toMatch(/`frobnicate` is not a sub-command/);
  });

  it('names each kind of bad token', () => {
    expect(problem('!urgent the app is down')).toMatch(/`!urgent` is not a severity/);
    expect(problem('customer:"Acme Corp the app is down')).toMatch(/Unterminated quote/);
    expect(problem('customer:"" the app is down')).toMatch(/`customer:` is empty/);
    expect(problem('#Bill_ing the app is down')).toMatch(/is not a tag/);
    expect(problem(`the ${'x'.repeat(40_001)}`)).toMatch(/limit is 40,000/);
    expect(problem('!high #billing oneword')).toMatch(/too short/);
  });

  it('parses show, digest, subscribe and survey sub-commands', () => {
    expect(command('show adv-12')).toEqual({ kind: 'show', escalationId: 12 });
    expect(problem('show 12')).toMatch(/show ADV-12/);
    expect(command('digest')).toEqual({ kind: 'digest', digest: 'open' });
    expect(command('digest nps')).toEqual({ kind: 'digest', digest: 'nps' });
    expect(command('unsubscribe open')).toEqual({ kind: 'unsubscribe', digest: 'open' });
    expect(command('subscribe')).toEqual({ kind: 'subscriptions' });
    expect(command('subscribe nps')).toEqual({ kind: 'subscribe', digest: 'nps' });
    expect(command('subscribe open CONFIRM')).toEqual({ kind: 'subscribe', digest: 'open', confirm: true });
    expect(problem('subscribe open please')).toMatch(/takes `open` or `nps`/);
    expect(command('nps 9 customer:"Acme Corp" great support')).toEqual({
      kind: 'survey',
      survey: 'nps',
      score: 9,
      customer: 'Acme Corp',
      comment: 'great support',
    });
    expect(problem('nps 11 customer:Acme')).toMatch(/0 to 10; got 11/);
    expect(problem('csat 0 customer:Acme')).toMatch(/1 to 5; got 0/);
    expect(problem('csat 4 great')).toMatch(/needs one `customer:&lt;name&gt;`/);
  });

  it('parses themes and customers', () => {
    expect(command('theme SSO outages ADV-1 ADV-2 adv-2')).toEqual({
      kind: 'theme-create',
      title: 'SSO outages',
      escalationIds: [1, 2],
    });
    expect(command('theme THM-3 ADV-7')).toEqual({ kind: 'theme-link', themeId: 3, escalationIds: [7] });
    expect(command('theme thm-3 Outcome')).toEqual({ kind: 'theme-outcome', themeId: 3 });
    expect(problem('theme THM-3 outcome now')).toBe('`outcome` takes nothing more: `theme THM-3 outcome`.');
    expect(problem('theme SSO outages')).toMatch(/at least one escalation/);
    expect(command('customer acme corp')).toEqual({ kind: 'customer-profile', name: 'acme corp' });
    expect(command('customer at-risk')).toEqual({ kind: 'customer-at-risk' });
    expect(command('customer merge "Acme" "Acme Corp"')).toEqual({
      kind: 'customer-merge',
      from: 'Acme',
      into: 'Acme Corp',
    });
    expect(problem('customer merge Acme')).toMatch(/two names in quotes/);
  });

  it('opens the modal on empty text and shows help on help', () => {
    expect(command('   ')).toEqual({ kind: 'open-modal' });
    expect(command('help')).toEqual({ kind: 'help' });
  });

  it('reads the verbs people guess before an ADV id as a change, and the same words otherwise as a summary', () => {
    expect(command('close ADV-3')).toEqual({
      kind: 'escalation-change',
      verb: 'close',
      change: 'resolve',
      escalationId: 3,
    });
    expect(command('Resolve adv-4 fixed in 2.3')).toEqual({
      kind: 'escalation-change',
      verb: 'resolve',
      change: 'resolve',
      escalationId: 4,
      note: 'fixed in 2.3',
    });
    expect(command('take ADV-5')).toMatchObject({ change: 'claim' });
    expect(command('claim ADV-5')).toMatchObject({ change: 'claim' });
    expect(command('reopen ADV-5')).toMatchObject({ change: 'reopen' });
    expect(command('raise ADV-5')).toMatchObject({ change: 'raise' });
    expect(command('assign ADV-5 <@U0ADVOC002|bob>')).toEqual({
      kind: 'escalation-change',
      verb: 'assign',
      change: 'assign',
      escalationId: 5,
      assigneeId: 'U0ADVOC002',
    });
    expect(command('close button does nothing')).toMatchObject({ kind: 'flag', summary: 'close button does nothing' });
  });
});

describe('typos are not flagged', () => {
  it.each([
    ['shwo ADV-3', '/advocate show ADV-3'],
    ['calim ADV-4', '/advocate claim ADV-4'],
    ['claim ADV4', '/advocate claim ADV-4'],
    ['resovle adv-7 fixed in 2.3', '/advocate resolve ADV-7 …'],
    ['withdarw ADV-2', '/advocate withdraw ADV-2'],
    ['lsit', '/advocate list'],
    ['digset nps', '/advocate digest …'],
  ])('`%s` asks "did you mean `%s`?" and says how to flag it as written', (text, meant) => {
    const answer = problem(text);
    expect(answer).toContain(`Did you mean \`${meant}\`?`);
    expect(answer).toContain(`To flag it as written: \`/advocate flag ${text}\``);
  });

  it.each([
    'last invoice was charged twice',
    'customers cannot log in',
    'withdrawal failed for Acme',
    'slow dashboard for Globex',
    'close button is broken',
  ])('still flags `%s`', (text) => {
    expect(command(text)).toMatchObject({ kind: 'flag', summary: text });
  });

  it('says what `show ADV4` meant', () => {
    expect(problem('show ADV4')).toContain('Did you mean `/advocate show ADV-4`?');
  });
});

describe('words kept as written', () => {
  it('keeps `URGENT:` and other `Word:` text exactly as typed', () => {
    expect(command('URGENT: Checkout fails for EU cards')).toMatchObject({
      summary: 'URGENT: Checkout fails for EU cards',
    });
    expect(command('Note:"quoted bit" stays Put')).toMatchObject({ summary: 'Note:"quoted bit" stays Put' });
  });

  it('keeps the line breaks of a paste, and drops only the documented tokens', () => {
    expect(command('Caller reports:\nline one\n\nline two !high #billing\nend')).toMatchObject({
      summary: 'Caller reports:\nline one\n\nline two\nend',
      severity: 'high',
      tags: ['billing'],
    });
    expect(command('nps 3 customer:Acme Too slow.\nAnd buggy')).toMatchObject({ comment: 'Too slow.\nAnd buggy' });
  });

  it('offers the words after an unquoted customer: as completions of the name', () => {
    expect(command('customer:Acme Corp export is broken')).toMatchObject({
      customer: 'Acme',
      summary: 'Corp export is broken',
      customerCompletions: [
        { customer: 'Acme Corp export', summary: 'is broken' },
        { customer: 'Acme Corp', summary: 'export is broken' },
      ],
    });
    expect(command('customer:"Acme" Corp export is broken')).not.toHaveProperty('customerCompletions');
  });

  it('reads withdraw with an optional reason', () => {
    expect(command('withdraw ADV-5 flagged by mistake')).toEqual({
      kind: 'withdraw',
      escalationId: 5,
      reason: 'flagged by mistake',
    });
    expect(command('withdraw adv-5')).toEqual({ kind: 'withdraw', escalationId: 5 });
    expect(problem('withdraw 5')).toMatch(/`withdraw` takes the escalation ID/);
  });
});
