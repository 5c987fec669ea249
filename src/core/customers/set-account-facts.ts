import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { joinMrkdwn, mrkdwn, trusted } from '../shared/text/mrkdwn';
import type { TVia } from '../shared/timeline-repository';
import { runUnitOfWork } from '../shared/unit-of-work';
import {
  applyAccountFacts,
  domainOf,
  isEmail,
  MAX_DOMAINS,
  parseRenewalDate,
  SLACK_USER_ID,
  type TAccountFacts,
  type TFactChange,
} from './account-facts';
import { parseArr } from './customer-import';
import { findCustomerByName, storedFactsOf, type TCustomer } from './customers-repository';
import { resolveOwners, type TOwnerDirectory } from './owner-directory';
import { suggestCustomerNames } from './suggest-customers';

/** The facts as typed after `customer set "<name>"`: `owner:@dana tier:enterprise renews:2027-03-31 arr:120000`. */
export interface TTypedFacts {
  owner?: string;
  tier?: string;
  renews?: string;
  arr?: string;
  domains?: string;
}

export interface TSetAccountFactsOptions {
  name: string;
  typed: TTypedFacts;
  tiers: readonly string[];
  timeZone: string;
  directory?: TOwnerDirectory;
  actorId: string;
  via: TVia;
}

export interface TSetAccountFactsResult {
  customer: TCustomer;
  changes: TFactChange[];
  /** An owner email no Slack user has: stored as text. */
  unknownOwner?: string;
}

const CLEAR = new Set(['none', '-', 'clear']);

/** Every typed value checked at once: the person hears all that is wrong, and nothing is applied. */
export function checkTypedFacts(typed: TTypedFacts, tiers: readonly string[], timeZone: string) {
  const problems: string[] = [];
  const facts: TAccountFacts = {};
  const clears = (text: string) => CLEAR.has(text.trim().toLowerCase());
  if (typed.owner !== undefined) {
    const mention = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(typed.owner.trim());
    const text = typed.owner.trim();
    if (clears(text)) facts.owner = null;
    else if (mention) facts.owner = mention[1]!;
    else if (SLACK_USER_ID.test(text)) facts.owner = text;
    else if (isEmail(text)) facts.owner = text.toLowerCase();
    else
      problems.push(
        mrkdwn`\`owner:${text}\` is not a person: mention them (\`owner:@dana\`, picked from the list Slack offers) or give their email`
          .text,
      );
  }
  if (typed.tier !== undefined) {
    const tier = typed.tier.trim().toLowerCase();
    if (clears(tier)) facts.tier = null;
    else if (tiers.includes(tier)) facts.tier = tier;
    else problems.push(mrkdwn`\`tier:${typed.tier}\` is not a tier: use one of ${tiers.join(', ')}`.text);
  }
  if (typed.renews !== undefined) {
    const at = clears(typed.renews) ? null : parseRenewalDate(typed.renews, timeZone);
    if (at === null && !clears(typed.renews))
      problems.push(mrkdwn`\`renews:${typed.renews}\` is not a date: write it as \`renews:2027-03-31\``.text);
    else facts.renewalAt = at;
  }
  if (typed.arr !== undefined) {
    const arr = clears(typed.arr) ? null : parseArr(typed.arr.replace(/k$/i, '000'));
    if (arr === 'bad' || (arr !== null && arr > 1e12))
      problems.push(mrkdwn`\`arr:${typed.arr}\` is not an amount: write it as \`arr:120000\``.text);
    else facts.arr = arr;
  }
  if (typed.domains !== undefined) {
    const parts = typed.domains.split(/[,;\s]+/).filter(Boolean);
    const hosts = parts.map(domainOf);
    if (clears(typed.domains)) facts.domains = null;
    else if (parts.length === 0 || parts.length > MAX_DOMAINS || hosts.some((host) => host === null))
      problems.push(
        mrkdwn`\`domains:${typed.domains}\` is not a list of host names: write \`domains:acme.com,acme.io\``.text,
      );
    else facts.domains = [...new Set(hosts as string[])];
  }
  return { facts, problems };
}

/**
 * `/advocate customer set`: checks every value first, resolves an owner email through Slack, then writes the
 * changes and their timeline lines in one transaction, or nothing at all.
 */
export async function setAccountFacts(
  deps: TDomainDeps,
  options: TSetAccountFactsOptions,
): Promise<TSetAccountFactsResult> {
  const { facts, problems } = checkTypedFacts(options.typed, options.tiers, options.timeZone);
  if (Object.keys(facts).length === 0 && problems.length === 0)
    problems.push(
      'Say what to set: `owner:@dana`, `tier:enterprise`, `renews:2027-03-31`, `arr:120000` or `domains:acme.com`.',
    );
  if (problems.length) {
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `Nothing was changed. ${problems.join('; ')}.`,
    });
  }
  const customer = await findCustomerByName(deps.db.prisma, options.name);
  if (!customer) {
    const suggestions = await suggestCustomerNames(deps.db.prisma, options.name);
    const hint = suggestions.length
      ? mrkdwn` Did you mean ${joinMrkdwn(
          suggestions.map((suggestion) => mrkdwn`“${suggestion}”`),
          ', ',
        )}?`
      : trusted('');
    throw new AppError(ErrorCode.NotFound, {
      userMessage: mrkdwn`There is no customer named “${options.name}”; nothing was changed.${hint}`.text,
    });
  }
  let unknownOwner: string | undefined;
  if (facts.owner) {
    const owners = await resolveOwners([facts.owner], options.directory);
    facts.owner = owners.stored.get(facts.owner) ?? facts.owner;
    unknownOwner = owners.unknown[0];
  }
  const changes = await runUnitOfWork(deps, {}, async ({ tx, q, now }) => {
    const [current] = await storedFactsOf(tx, [customer.id]);
    return applyAccountFacts(q, current!, facts, { actorId: options.actorId, via: options.via, now });
  });
  const updated = (await findCustomerByName(deps.db.prisma, options.name)) ?? customer;
  return { customer: updated, changes, ...(unknownOwner ? { unknownOwner } : {}) };
}
