import type { KnownBlock } from '@slack/types';
import type { TTroubledRenewal } from '../../core/customers/renewals-at-risk';
import { arrWords, renewalWords } from '../../core/customers/revenue';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, joinMrkdwn, mrkdwn } from '../../core/shared/text/mrkdwn';
import type { TThemeAtStake } from '../../core/themes/themes-at-stake';
import type { TUntoldAccount } from '../../core/themes/untold-customers';
import { mention, packedSections, slackDate, truncate } from '../kit/block-limits';
import { themeStakeLine } from '../themes/themes-at-stake-view';
import { ownerMrkdwn } from './account-views';

/** Weekly report: the five open themes with the most ARR at stake. */
export function themesByStakeBlocks(ranked: TThemeAtStake[], maxBlocks: number): KnownBlock[] {
  if (ranked.length === 0) return [];
  const top = ranked.slice(0, 5);
  return packedSections(top.map(themeStakeLine), mrkdwn`*Themes by revenue at stake*`, '\n').slice(0, maxBlocks);
}

/** Weekly report: renewals in the window whose account has an open escalation or a detractor response. */
export function troubledRenewalBlocks(renewals: TTroubledRenewal[], windowDays: number, now: Date, maxBlocks: number) {
  if (renewals.length === 0) return [];
  const lines = renewals.slice(0, 20).map(({ customer, openEscalations, detractors }) => {
    const trouble = [
      openEscalations ? `${openEscalations} open escalation${openEscalations === 1 ? '' : 's'}` : null,
      detractors ? `${detractors} detractor response${detractors === 1 ? '' : 's'}` : null,
    ].filter(Boolean);
    const arr = arrWords(customer.arr);
    const owner = customer.owner ? mrkdwn` · owner ${ownerMrkdwn(customer.owner)}` : '';
    return mrkdwn`• *${fromOutside(truncate(customer.name, 80))}* ${renewalWords(customer.renewalAt, now) ?? ''} (${slackDate(customer.renewalAt!, '{date_short}')})${arr ? ` · ${arr}` : ''}${owner} · ${trouble.join(', ')}`;
  });
  const more = renewals.length > 20 ? [mrkdwn`…and ${renewals.length - 20} more.`] : [];
  return packedSections(
    [...lines, ...more],
    mrkdwn`*Renewals in the next ${windowDays} days with open trouble (${renewals.length})*`,
    '\n',
  ).slice(0, maxBlocks);
}

/** Open digest: accounts of themes resolved over a week ago whose owners have not told them, by account. */
export function untoldCustomersBlocks(untold: TUntoldAccount[], maxBlocks: number): KnownBlock[] {
  if (untold.length === 0) return [];
  const lines = untold
    .slice(0, 30)
    .map(
      (entry) =>
        mrkdwn`• *${fromOutside(truncate(entry.customerName, 80))}* (${mention(entry.ownerId)}) · ${themeRef(entry.themeId)} ${fromSlack(truncate(entry.title, 80))}, resolved ${slackDate(entry.resolvedAt, '{date_short}')}`,
    );
  const more = untold.length > 30 ? [mrkdwn`…and ${untold.length - 30} more.`] : [];
  return packedSections(
    [...lines, ...more],
    joinMrkdwn([
      mrkdwn`*Customers not yet told of a fix* (resolved over a week ago; the owner presses *Told the customer* in their DM)`,
    ]),
    '\n',
  ).slice(0, maxBlocks);
}
