import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { customerProfile } from '../../core/customers/customer-profile';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { ZJsonText } from '../kit/payloads';
import type { TSlackServices } from '../kit/slack-services';
import { customerProfileMessage } from './customer-profile-view';

/** `{"customerId":12}`, the value of every button that names a customer. */
export const ZCustomerButtonValue = ZJsonText.pipe(z.object({ customerId: z.number().int().positive() }));
export const ZCustomerButton = pressed(ZCustomerButtonValue);

export type TCustomerButtonContext = TListenerContext<TPressed<{ customerId: number }>>;

/**
 * "Profile" / "Customer: Acme" buttons (escalation cards, App Home rows, at-risk announcements): the profile, for
 * the clicker only. From a message it comes as an ephemeral reply there (response_url); the App Home has no
 * response_url and no channel, so there it comes as a DM from the app, which also keeps it to read later.
 */
export const onCustomerProfileButton =
  (services: TSlackServices): TMiddleware<TCustomerButtonContext> =>
  async ({ context }) => {
    const lookup = await customerProfile(
      services.deps,
      { id: context.subject.value.customerId },
      services.config.digest.timeZone,
    );
    await context.reply(
      lookup.found ? customerProfileMessage(lookup.profile) : { text: 'That customer no longer exists.', blocks: [] },
    );
  };

export function registerCustomerProfileButton(app: App, services: TSlackServices) {
  app.action<BlockAction, TCustomerButtonContext>(
    ActionId.CustomerProfile,
    ...buttonPress(services, ZCustomerButton, 'direct message'),
    advocatesOnly(services, 'canSeeCustomers', "see customers' profiles"),
    onCustomerProfileButton(services),
  );
}
