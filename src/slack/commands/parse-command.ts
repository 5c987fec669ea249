/**
 * The `/advocate` grammar (../shared/INTERFACE.md). Pure: text in, a typed command or a problem out.
 * A first word that is a sub-command always means that sub-command; anything else of two or more words is a flag.
 */

import type { TTypedFacts } from '../../core/customers/set-account-facts';
import {
  CUSTOMER_NAME_MAX_LENGTH,
  isSeverity,
  MAX_TAGS,
  parseEscalationRef,
  parseThemeRef,
  SUMMARY_MAX_LENGTH,
  TAG_PATTERN,
  type TSeverity,
} from '../../core/escalations/escalation-vocabulary';
import { isWaitingOn, type TWaitingOn } from '../../core/escalations/sla-clock';
import { decodeSlackEntities, fromSlack, mrkdwn } from '../../core/shared/text/mrkdwn';
import { joinTokens, TokenizeError, type TToken, tokenize } from './tokenize';
import { nearEscalationRef, suspectedTypo } from './typos';

export interface TFlagFields {
  summary: string;
  severity: TSeverity;
  tags: string[];
  customer?: string;
  /**
   * `customer:Acme Corp` unquoted: the longer names the words after it could complete ("Acme Corp"), longest first,
   * each with the summary it leaves. The first that names an existing customer wins; else `customer` stands.
   */
  customerCompletions?: { customer: string; summary: string }[];
}

export type TCommand =
  | ({ kind: 'flag' } & TFlagFields)
  | { kind: 'open-modal' }
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'show'; escalationId: number }
  | { kind: 'withdraw'; escalationId: number; reason?: string }
  | { kind: 'wait'; escalationId: number; on: TWaitingOn; note?: string }
  | { kind: 'resume'; escalationId: number }
  | { kind: 'digest'; digest: 'open' | 'nps' }
  | { kind: 'survey'; survey: 'nps' | 'csat'; score: number; customer: string; comment?: string }
  | { kind: 'subscribe'; digest: 'open' | 'nps'; confirm?: boolean }
  | { kind: 'subscriptions' }
  | { kind: 'unsubscribe'; digest: 'open' | 'nps' }
  | { kind: 'theme-create'; title: string; escalationIds: number[] }
  | { kind: 'theme-link'; themeId: number; escalationIds: number[] }
  | { kind: 'theme-ticket-link'; themeId: number; urls: string[] }
  | { kind: 'theme-ticket-unlink'; themeId: number; url: string }
  | { kind: 'theme-outcome'; themeId: number }
  | { kind: 'customer-profile'; name: string }
  | { kind: 'customer-at-risk' }
  | { kind: 'customer-merge'; from: string; into: string }
  | { kind: 'customer-set'; name: string; typed: TTypedFacts }
  | { kind: 'channel-show' }
  | { kind: 'channel-link'; customer: string }
  | { kind: 'channel-unlink' }
  | { kind: 'themes' }
  | {
      kind: 'escalation-change';
      /** The word typed (`close`, `take` …), for the answer. */
      verb: string;
      change: TChangeVerb;
      escalationId: number;
      /** `assign ADV-n @user`: who it was meant for. */
      assigneeId?: string;
      /** Words after the ID, kept as the timeline's detail (`resolve ADV-4 fixed in 2.3`). */
      note?: string;
    };

/** What a guessed verb means: a lifecycle change, or `assign`, which has no change of its own. */
export type TChangeVerb = 'claim' | 'resolve' | 'reopen' | 'raise' | 'assign';

/**
 * Verbs a person guesses for acting on an escalation from the command line. Followed by an ADV id they act (or say
 * how to); followed by anything else they start a summary as before (`close button is broken`).
 */
export const CHANGE_VERBS: Record<string, TChangeVerb> = {
  claim: 'claim',
  take: 'claim',
  resolve: 'resolve',
  close: 'resolve',
  reopen: 'reopen',
  raise: 'raise',
  escalate: 'raise',
  assign: 'assign',
};

export type TParseResult = { ok: true; command: TCommand } | { ok: false; problem: string; subcommand?: string };

export const SUBCOMMANDS = [
  'flag',
  'help',
  'list',
  'show',
  'digest',
  'nps',
  'csat',
  'subscribe',
  'unsubscribe',
  'theme',
  'customer',
  'withdraw',
  'channel',
  'themes',
] as const;

const fail = (problem: string, subcommand?: string): TParseResult => ({ ok: false, problem, subcommand });
const ok = (command: TCommand): TParseResult => ({ ok: true, command });

/**
 * `text` is the command text as Slack sends it (`&amp; &lt; &gt;` for what was typed); what is parsed and stored
 * is what the person typed. Problems are mrkdwn with the person's words passed through the escaping rule.
 */
export function parseCommand(text: string): TParseResult {
  let tokens: TToken[];
  try {
    tokens = tokenize(decodeSlackEntities(text));
  } catch (error) {
    if (error instanceof TokenizeError) return fail(mrkdwn`Unterminated quote: ${fromSlack(error.message)}.`.text);
    throw error;
  }
  if (tokens.length === 0) return ok({ kind: 'open-modal' });
  const first = tokens[0]!;
  const word = first.quoted || first.key ? '' : first.text.toLowerCase();
  const rest = tokens.slice(1);
  switch (word) {
    case 'help':
      return ok({ kind: 'help' });
    case 'flag':
      return parseFlag(rest, 'flag');
    case 'list':
      return rest.length === 0 ? ok({ kind: 'list' }) : fail('`list` takes no arguments.', 'list');
    case 'show':
      return parseShow(rest);
    case 'digest':
      return parseDigestName(rest, 'digest', (digest) => ({ kind: 'digest', digest }), true);
    case 'subscribe':
      return parseSubscribe(rest);
    case 'unsubscribe':
      return parseDigestName(rest, word, (digest) => ({ kind: 'unsubscribe', digest }), false);
    case 'nps':
    case 'csat':
      return parseSurvey(word, rest);
    case 'theme':
      return parseTheme(rest);
    case 'customer':
      return parseCustomer(rest);
    case 'withdraw':
      return parseWithdraw(rest);
    case 'channel':
      return parseChannel(rest);
    case 'themes':
      return rest.length === 0 ? ok({ kind: 'themes' }) : fail('`themes` takes no arguments.', 'themes');
  }
  const change = CHANGE_VERBS[word];
  const ref = rest[0] && !rest[0].quoted && !rest[0].key ? parseEscalationRef(rest[0].text) : null;
  if (change && ref !== null) return parseChange(word, change, ref, rest.slice(1));
  // Like the change verbs, `wait` and `resume` act only before an ID: `wait for the export` is still a summary.
  if (word === 'wait' && ref !== null) return parseWait(ref, rest.slice(1));
  if (word === 'resume' && ref !== null)
    return rest.length === 1
      ? ok({ kind: 'resume', escalationId: ref })
      : fail(`\`resume\` takes the escalation ID only, e.g. \`resume ADV-${ref}\`.`, 'resume');
  const typo = suspectedTypo(tokens);
  if (typo) return fail(typo);
  if (tokens.length === 1 && !first.key && !first.text.startsWith('!') && !first.text.startsWith('#')) {
    return fail(
      mrkdwn`\`${fromSlack(first.text)}\` is not a sub-command, and a summary needs at least two words.`.text,
    );
  }
  return parseFlag(tokens, undefined);
}

function parseFlag(tokens: TToken[], subcommand: string | undefined): TParseResult {
  let severity: TSeverity | undefined;
  const tags: string[] = [];
  let customer: string | undefined;
  const words: TToken[] = [];
  for (const token of tokens) {
    if (token.key === 'customer') {
      const name = token.text.trim().replace(/\s+/g, ' ');
      if (!name) return fail('`customer:` is empty: write `customer:Acme` or `customer:"Acme Corp"`.', subcommand);
      if (name.length > CUSTOMER_NAME_MAX_LENGTH) {
        return fail(`The customer name is over ${CUSTOMER_NAME_MAX_LENGTH} characters.`, subcommand);
      }
      if (customer && customer !== name) return fail('Name one customer per escalation.', subcommand);
      customer = name;
    } else if (!token.quoted && !token.key && /^![a-zA-Z]+$/.test(token.text)) {
      const level = token.text.slice(1).toLowerCase();
      if (!isSeverity(level)) {
        return fail(
          mrkdwn`\`${fromSlack(token.text)}\` is not a severity: use \`!low\`, \`!medium\`, \`!high\` or \`!critical\`.`
            .text,
          subcommand,
        );
      }
      if (severity && severity !== level) return fail('Give one severity, not two.', subcommand);
      severity = level;
    } else if (!token.quoted && !token.key && /^#\S+$/.test(token.text)) {
      const tag = token.text.slice(1).toLowerCase();
      if (!TAG_PATTERN.test(tag)) {
        return fail(
          mrkdwn`\`${fromSlack(token.text)}\` is not a tag: tags are lower-case letters, digits and \`-\` (e.g. \`#billing\`).`
            .text,
          subcommand,
        );
      }
      if (!tags.includes(tag)) tags.push(tag);
    } else {
      words.push(token);
    }
  }
  if (tags.length > MAX_TAGS) return fail(`At most ${MAX_TAGS} tags per escalation.`, subcommand);
  const summary = joinTokens(words, tokens).trim();
  if (words.length < 2) {
    return fail(
      summary
        ? mrkdwn`The summary "${fromSlack(summary)}" is too short: write at least two words.`.text
        : 'The summary is missing.',
      subcommand,
    );
  }
  if (summary.length > SUMMARY_MAX_LENGTH) {
    return fail(
      `The summary is ${summary.length.toLocaleString('en-US')} characters; the limit is ${SUMMARY_MAX_LENGTH.toLocaleString('en-US')}. Shorten it, or link the conversation instead of pasting it.`,
      subcommand,
    );
  }
  const customerToken = tokens.find((token) => token.key === 'customer');
  const customerCompletions =
    customerToken && !customerToken.quoted ? completionsAfter(customerToken, words, tokens) : [];
  return ok({
    kind: 'flag',
    summary,
    severity: severity ?? 'medium',
    tags,
    customer,
    ...(customerCompletions.length ? { customerCompletions } : {}),
  });
}

/** Words right after an unquoted `customer:Acme` on the same line that could continue the name, up to three. */
function completionsAfter(customerToken: TToken, words: TToken[], all: TToken[]) {
  const completions: { customer: string; summary: string }[] = [];
  const following: TToken[] = [];
  for (const token of all.slice(all.indexOf(customerToken) + 1, all.indexOf(customerToken) + 4)) {
    if (token.quoted || token.key || token.before.includes('\n') || !words.includes(token)) break;
    following.push(token);
    const rest = words.filter((word) => !following.includes(word));
    if (rest.length < 2) break;
    completions.unshift({
      customer: [customerToken.text, ...following.map((word) => word.text)].join(' '),
      summary: joinTokens(rest, all).trim(),
    });
  }
  return completions;
}

function parseShow(rest: TToken[]): TParseResult {
  const id = rest.length === 1 ? parseEscalationRef(rest[0]!.text) : null;
  const near = rest.length === 1 ? nearEscalationRef(rest[0]!) : null;
  if (id === null && near !== null) return fail(`Did you mean \`/advocate show ADV-${near}\`?`, 'show');
  if (id === null) return fail('`show` takes one escalation ID, e.g. `show ADV-12`.', 'show');
  return ok({ kind: 'show', escalationId: id });
}

function parseDigestName(
  rest: TToken[],
  subcommand: string,
  build: (digest: 'open' | 'nps') => TCommand,
  defaultOpen: boolean,
): TParseResult {
  const name = rest[0]?.text.toLowerCase();
  if (rest.length === 0 && defaultOpen) return ok(build('open'));
  if (rest.length === 1 && (name === 'open' || name === 'nps')) return ok(build(name));
  return fail(`\`${subcommand}\` takes \`open\` or \`nps\`.`, subcommand);
}

/** `subscribe` lists where each digest goes; `subscribe open confirm` is how a public channel is chosen on purpose. */
function parseSubscribe(rest: TToken[]): TParseResult {
  if (rest.length === 0) return ok({ kind: 'subscriptions' });
  const confirm = rest.length === 2 && rest[1]?.text.toLowerCase() === 'confirm';
  return parseDigestName(
    confirm ? rest.slice(0, 1) : rest,
    'subscribe',
    (digest) => ({ kind: 'subscribe', digest, ...(confirm ? { confirm } : {}) }),
    false,
  );
}

function parseSurvey(survey: 'nps' | 'csat', rest: TToken[]): TParseResult {
  const [min, max] = survey === 'nps' ? [0, 10] : [1, 5];
  const scoreToken = rest[0];
  if (!scoreToken || !/^\d{1,2}$/.test(scoreToken.text) || scoreToken.key) {
    return fail(
      `\`${survey}\` needs a score from ${min} to ${max} first, e.g. \`${survey} ${max} customer:Acme\`.`,
      survey,
    );
  }
  const score = Number(scoreToken.text);
  if (score < min || score > max)
    return fail(`${survey.toUpperCase()} scores run from ${min} to ${max}; got ${score}.`, survey);
  const customerTokens = rest.slice(1).filter((token) => token.key === 'customer');
  if (customerTokens.length !== 1) {
    return fail(
      `\`${survey}\` needs one \`customer:&lt;name&gt;\`, e.g. \`${survey} ${max} customer:"Acme Corp" great support\`.`,
      survey,
    );
  }
  const customer = customerTokens[0]!.text.trim().replace(/\s+/g, ' ');
  if (!customer) return fail('`customer:` is empty: write `customer:Acme` or `customer:"Acme Corp"`.', survey);
  if (customer.length > CUSTOMER_NAME_MAX_LENGTH)
    return fail(`The customer name is over ${CUSTOMER_NAME_MAX_LENGTH} characters.`, survey);
  const comment = joinTokens(
    rest.slice(1).filter((token) => token.key !== 'customer'),
    rest.slice(1),
  ).trim();
  if (comment.length > 5000) return fail('The comment is over 5,000 characters.', survey);
  return ok({ kind: 'survey', survey, score, customer, comment: comment || undefined });
}

function parseTheme(rest: TToken[]): TParseResult {
  const usage = 'Use `theme &lt;title&gt; ADV-1 ADV-2 …` to open a theme, or `theme THM-3 ADV-7 …` to link more.';
  const verb = rest[1] && !rest[1].quoted && !rest[1].key ? rest[1].text.toLowerCase() : '';
  const ticketThemeId = rest[0] && !rest[0].quoted ? parseThemeRef(rest[0].text) : null;
  if (ticketThemeId !== null && verb === 'outcome') {
    if (rest.length > 2)
      return fail(`\`outcome\` takes nothing more: \`theme THM-${ticketThemeId} outcome\`.`, 'theme');
    return ok({ kind: 'theme-outcome', themeId: ticketThemeId });
  }
  if (ticketThemeId !== null && (verb === 'link' || verb === 'unlink')) {
    // `https://…` tokenizes as key `https`; put the URL back together as typed.
    const urls = rest.slice(2).map((token) => (token.key ? `${token.key}:${token.text}` : token.text));
    const example = `\`theme THM-${ticketThemeId} ${verb} https://github.com/acme/api/issues/42\``;
    if (urls.length === 0) return fail(`Paste the ticket's URL after \`${verb}\`, e.g. ${example}.`, 'theme');
    if (verb === 'unlink') {
      if (urls.length > 1) return fail(`\`unlink\` takes one URL, e.g. ${example}.`, 'theme');
      return ok({ kind: 'theme-ticket-unlink', themeId: ticketThemeId, url: urls[0]! });
    }
    return ok({ kind: 'theme-ticket-link', themeId: ticketThemeId, urls });
  }
  const refs = rest.filter((token) => !token.quoted && parseEscalationRef(token.text) !== null);
  const others = rest.filter((token) => !refs.includes(token));
  const escalationIds = [...new Set(refs.map((token) => parseEscalationRef(token.text)!))];
  if (escalationIds.length === 0) return fail(`Name at least one escalation. ${usage}`, 'theme');
  const themeId = others.length === 1 && !others[0]!.quoted ? parseThemeRef(others[0]!.text) : null;
  if (themeId !== null) return ok({ kind: 'theme-link', themeId, escalationIds });
  const badRef = others.find((token) => /^(ADV|THM)-/i.test(token.text) && !token.quoted);
  if (badRef) return fail(mrkdwn`\`${fromSlack(badRef.text)}\` is not a valid ID. ${usage}`.text, 'theme');
  const title = others
    .map((token) => token.text)
    .join(' ')
    .trim();
  if (!title) return fail(`The theme needs a title. ${usage}`, 'theme');
  if (title.length > 150) return fail('The theme title is over 150 characters.', 'theme');
  return ok({ kind: 'theme-create', title, escalationIds });
}

/** `customer set` keys, as typed → the fact they set. */
const FACT_KEYS: Record<string, keyof TTypedFacts> = {
  owner: 'owner',
  tier: 'tier',
  renews: 'renews',
  renewal: 'renews',
  renewalat: 'renews',
  arr: 'arr',
  domains: 'domains',
  domain: 'domains',
};

function parseCustomerSet(rest: TToken[]): TParseResult {
  const typed: TTypedFacts = {};
  const nameTokens: TToken[] = [];
  for (const token of rest) {
    if (!token.key) {
      nameTokens.push(token);
      continue;
    }
    const fact = FACT_KEYS[token.key];
    if (!fact) {
      return fail(
        mrkdwn`\`${fromSlack(token.key)}:\` is not a fact of a customer: set \`owner:\`, \`tier:\`, \`renews:\`, \`arr:\` or \`domains:\`.`
          .text,
        'customer',
      );
    }
    if (typed[fact] !== undefined) return fail(`\`${fact}:\` is given twice; nothing was changed.`, 'customer');
    typed[fact] = token.text.trim();
  }
  const name = nameTokens
    .map((token) => token.text)
    .join(' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (!name) return fail('Name the customer: `customer set "Acme Corp" owner:@dana tier:enterprise`.', 'customer');
  if (name.length > CUSTOMER_NAME_MAX_LENGTH)
    return fail(`The customer name is over ${CUSTOMER_NAME_MAX_LENGTH} characters.`, 'customer');
  return ok({ kind: 'customer-set', name, typed });
}

function parseChannel(rest: TToken[]): TParseResult {
  const usage = 'Use `channel customer:"Acme Corp"`, `channel` or `channel unlink`.';
  if (rest.length === 0) return ok({ kind: 'channel-show' });
  const [first] = rest;
  if (rest.length === 1 && !first!.key && !first!.quoted && first!.text.toLowerCase() === 'unlink')
    return ok({ kind: 'channel-unlink' });
  if (rest.length === 1 && first!.key === 'customer') {
    const customer = first!.text.trim().replace(/\s+/g, ' ');
    if (!customer) return fail(`\`customer:\` is empty. ${usage}`, 'channel');
    if (customer.length > CUSTOMER_NAME_MAX_LENGTH)
      return fail(`The customer name is over ${CUSTOMER_NAME_MAX_LENGTH} characters.`, 'channel');
    return ok({ kind: 'channel-link', customer });
  }
  return fail(usage, 'channel');
}

function parseCustomer(rest: TToken[]): TParseResult {
  const usage = 'Use `customer &lt;name&gt;`, `customer at-risk` or `customer merge "&lt;from&gt;" "&lt;into&gt;"`.';
  const first = rest[0];
  if (!first) return fail(`Name a customer. ${usage}`, 'customer');
  if (!first.quoted && !first.key && first.text.toLowerCase() === 'set' && rest.length > 1)
    return parseCustomerSet(rest.slice(1));
  if (!first.quoted && first.text.toLowerCase() === 'at-risk' && rest.length === 1)
    return ok({ kind: 'customer-at-risk' });
  if (!first.quoted && first.text.toLowerCase() === 'merge') {
    const names = rest.slice(1);
    if (names.length !== 2 || names.some((token) => !token.text.trim())) {
      return fail(`\`customer merge\` takes two names in quotes: \`customer merge "Acme" "Acme Corp"\`.`, 'customer');
    }
    const [from, into] = names.map((token) => token.text.trim().replace(/\s+/g, ' ')) as [string, string];
    return ok({ kind: 'customer-merge', from, into });
  }
  const name = rest
    .map((token) => token.text)
    .join(' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (!name) return fail(`Name a customer. ${usage}`, 'customer');
  if (name.length > CUSTOMER_NAME_MAX_LENGTH)
    return fail(`The customer name is over ${CUSTOMER_NAME_MAX_LENGTH} characters.`, 'customer');
  return ok({ kind: 'customer-profile', name });
}

function parseChange(verb: string, change: TChangeVerb, escalationId: number, rest: TToken[]): TParseResult {
  let assigneeId: string | undefined;
  const words: TToken[] = [];
  for (const token of rest) {
    const person = !token.quoted && !token.key ? /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(token.text) : null;
    if (person && change === 'assign' && !assigneeId) assigneeId = person[1];
    else words.push(token);
  }
  const note = joinTokens(words, rest).trim();
  if (note.length > 500) return fail(`The note after \`${verb} ADV-${escalationId}\` is over 500 characters.`);
  return ok({
    kind: 'escalation-change',
    verb,
    change,
    escalationId,
    ...(assigneeId ? { assigneeId } : {}),
    ...(note ? { note } : {}),
  });
}

function parseWithdraw(rest: TToken[]): TParseResult {
  const id = rest[0] && !rest[0].quoted && !rest[0].key ? parseEscalationRef(rest[0].text) : null;
  if (id === null) {
    const near = rest[0] ? nearEscalationRef(rest[0]) : null;
    return fail(
      near !== null
        ? `Did you mean \`/advocate withdraw ADV-${near}\`?`
        : '`withdraw` takes the escalation ID first, e.g. `withdraw ADV-12 flagged by mistake`.',
      'withdraw',
    );
  }
  const reason = joinTokens(rest.slice(1), rest).trim();
  if (reason.length > 500) return fail('The reason is over 500 characters.', 'withdraw');
  return ok({ kind: 'withdraw', escalationId: id, ...(reason ? { reason } : {}) });
}

function parseWait(escalationId: number, rest: TToken[]): TParseResult {
  const party = rest[0] && !rest[0].quoted && !rest[0].key ? rest[0].text.toLowerCase() : '';
  if (!isWaitingOn(party))
    return fail(
      `Say who *ADV-${escalationId}* waits on: \`wait ADV-${escalationId} customer\` or \`wait ADV-${escalationId} engineering\`, then an optional note.`,
      'wait',
    );
  const note = joinTokens(rest.slice(1), rest).trim();
  if (note.length > 500)
    return fail(`The note after \`wait ADV-${escalationId} ${party}\` is over 500 characters.`, 'wait');
  return ok({ kind: 'wait', escalationId, on: party, ...(note ? { note } : {}) });
}
