import type { KnownBlock } from '@slack/types';
import { stakeWords } from '../../core/customers/revenue';
import { themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromSlack, joinMrkdwn, type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import type { TThemeAtStake } from '../../core/themes/themes-at-stake';
import { message, packedSections, slackDate, type TMessage, truncate } from '../kit/block-limits';

/** One theme: its revenue at stake, customers, tier mix and nearest renewal. */
export function themeStakeLine({ theme, accounts }: TThemeAtStake): Mrkdwn {
  const { stake, renewals } = accounts;
  const renewal =
    renewals.count && renewals.nearest
      ? mrkdwn` · ${renewals.count} renewal${renewals.count === 1 ? '' : 's'} in ${renewals.windowDays} days (first ${slackDate(renewals.nearest, '{date_short}')})`
      : trusted('');
  const tiers = stake.customers ? mrkdwn` · ${accounts.tierMix}` : trusted('');
  return mrkdwn`• *${themeRef(theme.id)}* ${fromSlack(truncate(theme.title, 120))} — ${stakeWords(stake)}, ${stake.customers} customer${stake.customers === 1 ? '' : 's'}${tiers}${renewal}`;
}

/** `/advocate themes`: the open themes ranked by ARR at stake, then customers. */
export function themesAtStakeMessage(ranked: TThemeAtStake[]): TMessage {
  if (ranked.length === 0) return message(trusted('No open themes.'), []);
  const blocks: KnownBlock[] = packedSections(
    ranked.map(themeStakeLine),
    mrkdwn`*Open themes by revenue at stake (${ranked.length})*`,
    '\n',
  );
  return message(
    mrkdwn`${ranked.length} open theme${ranked.length === 1 ? '' : 's'}, most ARR at stake first: ${joinMrkdwn(
      ranked.slice(0, 3).map((entry) => themeRef(entry.theme.id)),
      ', ',
    )}`,
    blocks.slice(0, 50),
  );
}
