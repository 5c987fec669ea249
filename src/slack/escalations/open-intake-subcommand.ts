import { customerOfChannel } from '../../core/customers/link-channel';
import type { TSubcommandHandler } from '../commands/subcommand';
import { intakeModal } from './intake-modal';

/** The intake form; in a channel linked to a customer, its customer field is filled in. */
export const openModalSubcommand: TSubcommandHandler<'open-modal'> = async ({ slash, client, services }) => {
  const linked = await customerOfChannel(services.deps, slash.channel_id);
  await client.views.open({
    trigger_id: slash.trigger_id,
    view: intakeModal(
      { channelId: slash.channel_id, responseUrl: slash.response_url },
      linked ? { customer: linked.name } : {},
    ),
  });
};
