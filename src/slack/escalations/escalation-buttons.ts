import type { App, BlockAction } from '@slack/bolt';
import { changeEscalation } from '../../core/escalations/change-escalation';
import type { TTransitionKind } from '../../core/escalations/escalation-lifecycle';
import { publishHome } from '../home/app-home-opened';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { ZEscalationButtonValue } from '../kit/payloads';
import type { TSlackServices } from '../kit/slack-services';
import { outOfDatePressNotice } from './escalation-notes';

export const ZEscalationButton = pressed(ZEscalationButtonValue);

const BUTTONS: Record<string, TTransitionKind> = {
  [ActionId.Claim]: 'claim',
  [ActionId.Resolve]: 'resolve',
  [ActionId.Reopen]: 'reopen',
  [ActionId.Raise]: 'raise',
};

type TEscalationButtonContext = TListenerContext<TPressed<{ escalationId: number; version?: number }>>;

/** Claim / Resolve / Raise / Reopen on a card or on the App Home: the same change as the matching reaction. */
export const onEscalationButton =
  (services: TSlackServices, kind: TTransitionKind): TMiddleware<TEscalationButtonContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const fromHome = action.view?.type === 'home';
    const { escalation, result } = await changeEscalation(services.deps, {
      escalationId: value.escalationId,
      kind,
      actorId: action.user.id,
      via: fromHome ? 'home' : 'button',
    });
    if (fromHome) await publishHome(services, action.user.id);
    // The change was decided on the escalation as it is now; someone who pressed an older picture of it hears so.
    if (value.version !== undefined && value.version !== escalation.version - 1)
      await context.reply(outOfDatePressNotice(escalation, result.action));
  };

export function registerEscalationButtons(app: App, services: TSlackServices) {
  for (const [actionId, kind] of Object.entries(BUTTONS)) {
    app.action<BlockAction, TEscalationButtonContext>(
      actionId,
      ...buttonPress(services, ZEscalationButton),
      advocatesOnly(services, 'canActOnEscalations', 'act on escalations'),
      onEscalationButton(services, kind),
    );
  }
}
