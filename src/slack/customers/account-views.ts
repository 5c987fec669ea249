import type { KnownBlock } from '@slack/types';
import type { TFactChange } from '../../core/customers/account-facts';
import { domainsOf, isSlackUserId } from '../../core/customers/account-facts';
import { arrWords, renewalWords } from '../../core/customers/revenue';
import type { TSetAccountFactsResult } from '../../core/customers/set-account-facts';
import { fromOutside, joinMrkdwn, type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { channelMention, context, mention, message, section, slackDate, type TMessage } from '../kit/block-limits';

export interface TAccountSubject {
  owner: string | null;
  tier: string | null;
  arr: number | null;
  renewalAt: Date | null;
  domains?: string | null;
}

/** A Slack user as a mention; an email owner Slack does not know as text. */
export const ownerMrkdwn = (owner: string): Mrkdwn =>
  isSlackUserId(owner) ? mention(owner) : mrkdwn`${fromOutside(owner)}`;

/**
 * "Owner @dana · enterprise · ARR $120,000 · renews in 41 days" — what an advocate asks first about any escalation;
 * null when nothing is known.
 */
export function accountLine(
  account: TAccountSubject,
  now: Date | undefined,
  options: { withDomains?: boolean } = {},
): Mrkdwn | null {
  const parts: Mrkdwn[] = [];
  if (account.owner) parts.push(mrkdwn`Owner ${ownerMrkdwn(account.owner)}`);
  if (account.tier) parts.push(mrkdwn`${account.tier}`);
  const arr = arrWords(account.arr);
  if (arr) parts.push(mrkdwn`${arr}`);
  if (account.renewalAt) {
    const date = slackDate(account.renewalAt, '{date_short}');
    const renewal = now ? renewalWords(account.renewalAt, now) : null;
    parts.push(renewal ? mrkdwn`${renewal} (${date})` : mrkdwn`renews ${date}`);
  }
  const domains = options.withDomains ? domainsOf(account.domains ?? null) : [];
  if (domains.length) parts.push(mrkdwn`${fromOutside(domains.join(', '))}`);
  return parts.length ? joinMrkdwn(parts, ' · ') : null;
}

/** The profile's account section: every fact, "not set" where one is missing, and the linked channels. */
export function accountFactsSection(account: TAccountSubject, channels: string[], now: Date): KnownBlock {
  const notSet = trusted('_not set_');
  const renewal = account.renewalAt
    ? mrkdwn`${slackDate(account.renewalAt, '{date_short}')} (${renewalWords(account.renewalAt, now) ?? ''})`
    : notSet;
  const domains = domainsOf(account.domains ?? null);
  const lines = [
    mrkdwn`*Owner:* ${account.owner ? ownerMrkdwn(account.owner) : notSet}`,
    mrkdwn`*Tier:* ${account.tier ?? notSet}`,
    mrkdwn`*ARR:* ${arrWords(account.arr)?.replace(/^ARR /, '') ?? notSet}`,
    mrkdwn`*Renewal:* ${renewal}`,
    mrkdwn`*Domains:* ${domains.length ? fromOutside(domains.join(', ')) : notSet}`,
    mrkdwn`*Channels:* ${channels.length ? joinMrkdwn(channels.map(channelMention), ', ') : notSet}`,
  ];
  return section(mrkdwn`*Account*\n${joinMrkdwn(lines)}`);
}

const FACT_LABEL: Record<TFactChange['fact'], string> = {
  owner: 'owner',
  tier: 'tier',
  renewalAt: 'renewal',
  arr: 'ARR',
  domains: 'domains',
};

function changeText(change: TFactChange): Mrkdwn {
  const shown = (value: string | null) => {
    if (value === null) return trusted('_none_');
    if (change.fact === 'owner') return ownerMrkdwn(value);
    if (change.fact === 'arr') return trusted(arrWords(Number(value))!.replace(/^ARR /, ''));
    return mrkdwn`${fromOutside(value)}`;
  };
  return mrkdwn`${FACT_LABEL[change.fact]} ${shown(change.from)} → ${shown(change.to)}`;
}

/** The answer to `customer set`: what changed (or that nothing did), and an owner email Slack did not know. */
export function accountSetMessage(result: TSetAccountFactsResult): TMessage {
  const name = fromOutside(result.customer.name);
  const text = result.changes.length
    ? mrkdwn`${name}: ${joinMrkdwn(result.changes.map(changeText), ', ')}.`
    : mrkdwn`${name} already had those facts; nothing changed.`;
  const blocks: KnownBlock[] = [section(mrkdwn`:white_check_mark: ${text}`)];
  if (result.unknownOwner) {
    blocks.push(
      context(
        mrkdwn`No Slack user has the email ${fromOutside(result.unknownOwner)}: it is kept as text, and the owner gets no DMs until it is a Slack user.`,
      ),
    );
  }
  return message(text, blocks);
}

export function channelLinkedMessage(customerName: string, previousName: string | null, channelId: string): TMessage {
  const moved =
    previousName && previousName !== customerName
      ? mrkdwn` (it was linked to ${fromOutside(previousName)})`
      : trusted('');
  const text = mrkdwn`${channelMention(channelId)} now belongs to ${fromOutside(customerName)}${moved}: a flag here without \`customer:\` names it.`;
  return message(text, [section(mrkdwn`:link: ${text}`)]);
}

export function channelShowMessage(customerName: string | null, channelId: string): TMessage {
  const text = customerName
    ? mrkdwn`${channelMention(channelId)} is linked to ${fromOutside(customerName)}. \`/advocate channel unlink\` removes the link.`
    : mrkdwn`${channelMention(channelId)} is not linked to a customer. \`/advocate channel customer:"Acme Corp"\` links it.`;
  return message(text, [section(text)]);
}

export function channelUnlinkedMessage(customerName: string | null, channelId: string): TMessage {
  const text = customerName
    ? mrkdwn`${channelMention(channelId)} is no longer linked to ${fromOutside(customerName)}.`
    : mrkdwn`${channelMention(channelId)} was not linked to a customer; nothing changed.`;
  return message(text, [section(text)]);
}
