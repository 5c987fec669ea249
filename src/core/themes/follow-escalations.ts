import type { TEscalation } from '../escalations/escalations-repository';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';

/**
 * A theme card shows its escalations' statuses and severities, so every change to a linked escalation updates it
 * in place. A change caused by resolving that same theme is covered by the resolution's own card update.
 */
export function themeCardFollows(escalation: TEscalation, causedByThemeId: number | undefined): TOutboxItem[] {
  const { themeId } = escalation;
  if (themeId === null || causedByThemeId === themeId) return [];
  return [
    {
      dedupeKey: outboxKey.themeFollowsEscalation(themeId, escalation.id, escalation.version),
      message: { kind: 'theme.card.update', themeId },
    },
  ];
}
