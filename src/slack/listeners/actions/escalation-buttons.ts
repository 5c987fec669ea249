import type { App, BlockAction } from '@slack/bolt';
import { changeEscalation } from '../../../domain/escalations/change-escalation';
import type { TTransitionKind } from '../../../domain/escalations/lifecycle';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { publishHome } from '../events/app-home';
import { advocatesOnly } from '../middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../middleware/context';
import { buttonPress } from '../middleware/reply-where';
import { pressed, type TPressed } from '../middleware/subject';
import { ZEscalationButtonValue } from '../payloads';

export const ZEscalationButton = pressed(ZEscalationButtonValue);

const BUTTONS: Record<string, TTransitionKind> = {
  [ActionId.Claim]: 'claim',
  [ActionId.Resolve]: 'resolve',
  [ActionId.Reopen]: 'reopen',
  [ActionId.Raise]: 'raise',
};

type TEscalationButtonContext = TListenerContext<TPressed<{ escalationId: number }>>;

/** Claim / Resolve / Raise / Reopen on a card or on the App Home: the same change as the matching reaction. */
export const onEscalationButton =
  (services: TSlackServices, kind: TTransitionKind): TMiddleware<TEscalationButtonContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const fromHome = action.view?.type === 'home';
    await changeEscalation(services.deps, {
      escalationId: value.escalationId,
      kind,
      actorId: action.user.id,
      via: fromHome ? 'home' : 'button',
    });
    if (fromHome) await publishHome(services, action.user.id);
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
