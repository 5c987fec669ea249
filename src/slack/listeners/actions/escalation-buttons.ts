import type { App, BlockAction } from '@slack/bolt';
import { isAppError } from '../../../domain/errors';
import { changeEscalation } from '../../../domain/escalations/change-escalation';
import type { TTransitionKind } from '../../../domain/escalations/lifecycle';
import { onlyAdvocatesText } from '../../blocks/only-advocates';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { publishHome } from '../events/app-home';
import { ZBlockAction, ZEscalationButtonValue } from '../payloads';
import { userFacingError } from '../respond-with-error';

const BUTTONS: Record<string, TTransitionKind> = {
  [ActionId.Claim]: 'claim',
  [ActionId.Resolve]: 'resolve',
  [ActionId.Reopen]: 'reopen',
  [ActionId.Raise]: 'raise',
};

/** Claim / Resolve / Raise / Reopen on a card or on the App Home: the same change as the matching reaction. */
export function registerEscalationButtons(app: App, services: TSlackServices) {
  for (const [actionId, kind] of Object.entries(BUTTONS)) {
    app.action<BlockAction>(actionId, async ({ ack, body, respond }) => {
      await ack();
      const payload = ZBlockAction.safeParse(body);
      const value = payload.success ? ZEscalationButtonValue.safeParse(payload.data.actions[0]!.value) : null;
      if (!payload.success || !value?.success) {
        services.logger.warn(`${actionId}: unexpected payload`);
        return;
      }
      const userId = payload.data.user.id;
      const fromHome = payload.data.view?.type === 'home';
      const tell = async (text: string) => {
        if (fromHome) await publishHome(services, userId, text);
        else await respond({ response_type: 'ephemeral', replace_original: false, text });
      };
      services.background(async () => {
        try {
          if (!(await services.advocates.isAdvocate(userId))) {
            await tell(onlyAdvocatesText(services.advocates.describe(), 'act on escalations'));
            return;
          }
          await changeEscalation(services.deps, {
            escalationId: value.data.escalationId,
            kind,
            actorId: userId,
            via: fromHome ? 'home' : 'button',
          });
          if (fromHome) await publishHome(services, userId);
        } catch (error) {
          await tell(isAppError(error) ? error.userMessage : userFacingError(error, services.logger).text).catch(
            (tellError) => services.logger.error('could not answer a button:', tellError),
          );
        }
      });
    });
  }
}
