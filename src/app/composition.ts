/**
 * What this build of Advocate consists of, listed in one place: its digests, the sections other capabilities add to
 * them, the named views the outbox renders and the outbox's handlers. Importing a module registers nothing; the
 * composition root (create-app.ts) passes this composition in, so two apps in one process share no mutable state.
 */

import { ZAtRiskAnnouncement } from '../core/shared/outbox/outbox-messages';
import { atRiskAnnouncementMessage } from '../slack/customers/at-risk-views';
import { atRiskSection, retentionSection } from '../slack/customers/customer-digest-sections';
import type { TDigestKind } from '../slack/digests/digest-kinds';
import { detractorsSection, npsDigestKind } from '../slack/digests/nps-digest';
import { openDigestKind } from '../slack/digests/open-digest';
import type { TOpenDigestSection } from '../slack/digests/open-digest-sections';
import type { TWeeklyReportSection } from '../slack/digests/weekly-report-sections';
import { escalationOutboxHandlers } from '../slack/escalations/escalation-senders';
import type { TNamedViews } from '../slack/kit/named-views';
import type { TOutboxHandlers } from '../slack/kit/outbox-dispatcher';
import { openThemesSection, themeSuggestionsSection } from '../slack/themes/theme-digest-sections';
import { themeOutboxHandlers } from '../slack/themes/theme-senders';
import { renderTicketsClosedView } from '../slack/themes/theme-ticket-views';

export interface TComposition {
  /** The digests the scheduler sends, `/advocate digest` and `npm run digest` post, and channels subscribe to. */
  digests: readonly TDigestKind[];
  /** Sections after the open digest's own content, in this order. */
  openDigestSections: readonly TOpenDigestSection[];
  /** Sections after the weekly report's survey figures, in this order. */
  weeklyReportSections: readonly TWeeklyReportSection[];
  /**
   * Messages older versions queued by name (`channel.message` / `theme.thread.line` with a `view`); the domain now
   * queues events instead, and these render the rows still waiting in an outbox.
   */
  namedViews: TNamedViews;
  /** How each kind of outbox message is sent to Slack. */
  outboxHandlers: TOutboxHandlers;
}

export const DIGESTS = [openDigestKind, npsDigestKind] as const;

export const OPEN_DIGEST_SECTIONS: readonly TOpenDigestSection[] = [detractorsSection, themeSuggestionsSection];

export const WEEKLY_REPORT_SECTIONS: readonly TWeeklyReportSection[] = [
  retentionSection,
  atRiskSection,
  openThemesSection,
];

/** The names older versions stored in queued rows: part of the stored data, like the outbox keys. */
export const LEGACY_VIEW_NAMES = {
  atRiskAnnouncement: 'customer.at-risk',
  ticketsClosed: 'theme.tickets-closed',
} as const;

export const NAMED_VIEWS: TNamedViews = {
  [LEGACY_VIEW_NAMES.atRiskAnnouncement]: (data) => atRiskAnnouncementMessage(ZAtRiskAnnouncement.parse(data)),
  [LEGACY_VIEW_NAMES.ticketsClosed]: renderTicketsClosedView,
};

export const OUTBOX_HANDLERS: TOutboxHandlers = { ...escalationOutboxHandlers, ...themeOutboxHandlers };

export const ADVOCATE_COMPOSITION: TComposition = Object.freeze({
  digests: DIGESTS,
  openDigestSections: OPEN_DIGEST_SECTIONS,
  weeklyReportSections: WEEKLY_REPORT_SECTIONS,
  namedViews: NAMED_VIEWS,
  outboxHandlers: OUTBOX_HANDLERS,
});
