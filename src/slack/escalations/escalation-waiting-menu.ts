import type { StaticSelect } from '@slack/types';
import { isOpenStatus } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { type TWaitingOn, WAITING_ON } from '../../core/escalations/sla-clock';
import { plainText, SlackLimits } from '../kit/block-limits';
import { ActionId } from '../kit/ids';

const CHOICE_LABEL: Record<TWaitingOn | 'resume', string> = {
  customer: 'Waiting on the customer',
  engineering: 'Waiting on engineering',
  resume: 'Not waiting any more',
};

/**
 * The card's **Waiting…** menu (`escalation_wait`): waiting on the customer or on engineering pauses the resolve
 * clock; once waiting, "Not waiting any more" resumes it. Only while the escalation is open or claimed.
 */
export function waitingMenu(
  escalation: Pick<TEscalation, 'id' | 'version' | 'status' | 'waitingOn'>,
): StaticSelect | null {
  if (!isOpenStatus(escalation.status)) return null;
  const choices: (TWaitingOn | null)[] = [...WAITING_ON.filter((on) => on !== escalation.waitingOn)];
  if (escalation.waitingOn) choices.push(null);
  return {
    type: 'static_select',
    action_id: ActionId.Wait,
    placeholder: plainText('Waiting…', SlackLimits.buttonText),
    options: choices.map((on) => ({
      text: plainText(CHOICE_LABEL[on ?? 'resume'], SlackLimits.buttonText),
      value: JSON.stringify({ escalationId: escalation.id, version: escalation.version, on }),
    })),
  };
}
