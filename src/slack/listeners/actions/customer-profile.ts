import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { customerProfile } from '../../../domain/customers/profile';
import { customerProfileMessage } from '../../blocks/customer-profile';
import type { TMessage } from '../../blocks/limits';
import { ActionId } from '../../ids';
import type { TSlackServices } from '../../services';
import { ZBlockAction, ZJsonText } from '../payloads';
import { userFacingError } from '../respond-with-error';

/** `{"customerId":12}`, the value of every button that names a customer. */
export const ZCustomerButtonValue = ZJsonText.pipe(z.object({ customerId: z.number().int().positive() }));

/** The button's customer id, or null (logged) when Slack sent something else. */
export function customerIdOf(body: unknown, services: TSlackServices, actionId: string) {
  const payload = ZBlockAction.safeParse(body);
  const value = payload.success ? ZCustomerButtonValue.safeParse(payload.data.actions[0]!.value) : null;
  if (!payload.success || !value?.success) {
    services.logger.warn(`${actionId}: unexpected payload`);
    return null;
  }
  return { payload: payload.data, customerId: value.data.customerId };
}

/**
 * "Profile" / "Customer: Acme" buttons (escalation cards, App Home rows, at-risk announcements): the profile, for
 * the clicker only. From a message it comes as an ephemeral reply there (response_url); the App Home has no
 * response_url and no channel, so there it comes as a DM from the app, which also keeps it to read later.
 */
export function registerCustomerProfileButton(app: App, services: TSlackServices) {
  app.action<BlockAction>(ActionId.CustomerProfile, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = customerIdOf(body, services, ActionId.CustomerProfile);
    if (!parsed) return;
    const userId = parsed.payload.user.id;
    const fromHome = parsed.payload.view?.type === 'home' || !parsed.payload.response_url;
    const tell = async (message: TMessage) => {
      if (fromHome) await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
      else await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    };
    services.background(async () => {
      try {
        const lookup = await customerProfile(services.deps, { id: parsed.customerId }, services.config.digest.timeZone);
        await tell(
          lookup.found
            ? customerProfileMessage(lookup.profile)
            : { text: 'That customer no longer exists.', blocks: [] },
        );
      } catch (error) {
        const answer = userFacingError(error, services.logger);
        await tell({ text: answer.text, blocks: answer.blocks }).catch((tellError) =>
          services.logger.error('could not answer a profile button:', tellError),
        );
      }
    });
  });
}
