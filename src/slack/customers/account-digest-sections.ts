import { troubledRenewals } from '../../core/customers/renewals-at-risk';
import { themesByStake } from '../../core/themes/themes-at-stake';
import { untoldCustomers } from '../../core/themes/untold-customers';
import type { TOpenDigestSection } from '../digests/open-digest-sections';
import type { TWeeklyReportSection } from '../digests/weekly-report-sections';
import { themesByStakeBlocks, troubledRenewalBlocks, untoldCustomersBlocks } from './account-digest-views';

const STAKE_BLOCKS = 2;
const RENEWAL_BLOCKS = 2;
const UNTOLD_BLOCKS = 2;

/** Weekly report: "Themes by revenue at stake", the top five. */
export const themesByStakeSection: TWeeklyReportSection = {
  name: 'themes-by-stake',
  maxBlocks: STAKE_BLOCKS,
  async build(services) {
    return themesByStakeBlocks(await themesByStake(services.deps, services.config.accounts), STAKE_BLOCKS);
  },
};

/** Weekly report: renewals coming up whose account has an open escalation or a detractor response. */
export const troubledRenewalsSection: TWeeklyReportSection = {
  name: 'troubled-renewals',
  maxBlocks: RENEWAL_BLOCKS,
  async build(services, context) {
    const windowDays = services.config.accounts.renewalWindowDays;
    return troubledRenewalBlocks(
      await troubledRenewals(services.deps, windowDays),
      windowDays,
      context.now,
      RENEWAL_BLOCKS,
    );
  },
};

/** Open digest: resolved themes whose account owners have not told their customers. */
export const untoldCustomersSection: TOpenDigestSection = {
  name: 'untold-customers',
  maxBlocks: UNTOLD_BLOCKS,
  async build(services) {
    return untoldCustomersBlocks(await untoldCustomers(services.deps), UNTOLD_BLOCKS);
  },
};
