/**
 * What this build of Advocate consists of, listed in one place: its digests, the sections other capabilities add to
 * them, and how each kind of outbox message is sent. Importing a module registers nothing; the composition root
 * (create-app.ts) hands these in, so two apps in one process share no mutable state.
 */

import {
  themesByStakeSection,
  troubledRenewalsSection,
  untoldCustomersSection,
} from '../slack/customers/account-digest-sections';
import { atRiskSection, retentionSection } from '../slack/customers/customer-digest-sections';
import { ownerOutboxHandlers } from '../slack/customers/owner-senders';
import type { TDigestCatalog } from '../slack/digests/digest-kinds';
import { detractorsSection, npsDigestKind } from '../slack/digests/nps-digest';
import { openDigestKind } from '../slack/digests/open-digest';
import { escalationOutboxHandlers } from '../slack/escalations/escalation-senders';
import { slaWeekSection } from '../slack/escalations/sla-report-section';
import { slaOutboxHandlers } from '../slack/escalations/sla-senders';
import type { TOutboxHandlers } from '../slack/kit/outbox-dispatcher';
import { stormOutboxHandlers } from '../slack/storms/storm-senders';
import {
  fixesSection,
  openThemesSection,
  themeSuggestionsSection,
  whyNpsMovedSection,
} from '../slack/themes/theme-digest-sections';
import { themeOutboxHandlers } from '../slack/themes/theme-senders';

export interface TComposition {
  digestCatalog: TDigestCatalog;
  /** How each kind of outbox message is sent to Slack. */
  outboxHandlers: TOutboxHandlers;
}

export const DIGEST_CATALOG: TDigestCatalog = Object.freeze({
  digests: [openDigestKind, npsDigestKind],
  openDigestSections: [detractorsSection, themeSuggestionsSection, untoldCustomersSection],
  weeklyReportSections: [
    whyNpsMovedSection,
    fixesSection,
    retentionSection,
    atRiskSection,
    openThemesSection,
    themesByStakeSection,
    troubledRenewalsSection,
    slaWeekSection,
  ],
});

export const OUTBOX_HANDLERS: TOutboxHandlers = {
  ...escalationOutboxHandlers,
  ...slaOutboxHandlers,
  ...themeOutboxHandlers,
  ...ownerOutboxHandlers,
  ...stormOutboxHandlers,
};

export const ADVOCATE_COMPOSITION: TComposition = Object.freeze({
  digestCatalog: DIGEST_CATALOG,
  outboxHandlers: OUTBOX_HANDLERS,
});
