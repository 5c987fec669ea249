import { type TOutboxMessage, ZOutboxMessage } from '../../src/core/shared/outbox/outbox-messages';
import { atRiskAnnouncementMessage } from '../../src/slack/customers/at-risk-views';
import { atRiskCrowdLine } from '../../src/slack/customers/customer-notices';
import { digestUnreachableNotice } from '../../src/slack/digests/digest-notices';
import { escalationEventLine, reporterNotice, slaReminderLine } from '../../src/slack/escalations/escalation-events';
import { escalationNoteLine } from '../../src/slack/escalations/escalation-notes';
import { themeEventLine, themeResolvedNotice } from '../../src/slack/themes/theme-events';

/** The words a queued message shows in Slack (thread lines, DMs, channel messages); undefined for cards. */
export function shownText(payload: unknown): string | undefined {
  const message: TOutboxMessage = ZOutboxMessage.parse(payload);
  switch (message.kind) {
    case 'escalation.event':
      return escalationEventLine(message.event).text;
    case 'reporter.notice':
      return reporterNotice(message).text;
    case 'escalation.reminder':
      return slaReminderLine(message.escalationId, message.reminder).text;
    case 'escalation.note':
      return escalationNoteLine(message.escalationId, message.note).text;
    case 'theme.event':
      return themeEventLine(message.event).text;
    case 'theme.resolved.notice':
      return themeResolvedNotice(message);
    case 'customer.at-risk':
      return atRiskAnnouncementMessage(message.announcement).text;
    case 'customers.at-risk.crowd':
      return atRiskCrowdLine(message).text;
    case 'digest.unreachable':
      return digestUnreachableNotice(message).text;
    default:
      return undefined;
  }
}
