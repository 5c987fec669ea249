import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { recordCustomerTold } from '../../core/themes/customer-told';
import { ownerThemeResolvedMessage } from '../customers/owner-views';
import { ActionId } from '../kit/ids';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import { pressed, type TPressed } from '../kit/middleware/subject';
import { ZJsonText } from '../kit/payloads';
import type { TSlackServices } from '../kit/slack-services';

const ZToldValue = ZJsonText.pipe(
  z.object({ themeId: z.number().int().positive(), customerId: z.number().int().positive() }),
);
type TToldContext = TListenerContext<TPressed<z.infer<typeof ZToldValue>>>;

/**
 * **Told the customer** in the owner's DM about a resolved theme: recorded once in the theme's and the customer's
 * timeline; the DM then says so in place of the button.
 */
export const onOwnerToldCustomer =
  (services: TSlackServices): TMiddleware<TToldContext> =>
  async ({ context, respond }) => {
    const { themeId, customerId } = context.subject.value;
    const told = await recordCustomerTold(services.deps, {
      themeId,
      customerId,
      actorId: context.subject.action.user.id,
      via: 'button',
    });
    const updated = ownerThemeResolvedMessage({
      themeId,
      title: told.theme.title,
      note: told.theme.resolutionNote,
      customerId,
      customerName: told.customer.name,
      toldAt: told.toldAt,
    });
    if (respond) await respond({ replace_original: true, text: updated.text, blocks: updated.blocks });
  };

export function registerOwnerToldCustomerButton(app: App, services: TSlackServices) {
  app.action<BlockAction, TToldContext>(
    ActionId.OwnerToldCustomer,
    ...buttonPress(services, pressed(ZToldValue), 'direct message'),
    onOwnerToldCustomer(services),
  );
}
