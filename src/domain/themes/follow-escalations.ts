import { onEscalationChanged } from '../escalations/change-escalation';

/**
 * A theme card shows its escalations' statuses and severities, so every change to a linked escalation updates it
 * in place. A change caused by resolving that same theme is covered by the resolution's own card update.
 */
onEscalationChanged(async (_tx, escalation, _result, _now, options) => {
  const { themeId } = escalation;
  if (themeId === null || options.causedByThemeId === themeId) return [];
  return [
    {
      dedupeKey: `theme:${themeId}:escalation:${escalation.id}:v${escalation.version}:card`,
      message: { kind: 'theme.card.update', themeId },
    },
  ];
});
