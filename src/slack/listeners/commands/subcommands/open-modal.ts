import { intakeModal } from '../../../blocks/intake-modal';
import type { TSubcommandHandler } from '../subcommand';

export const openModalSubcommand: TSubcommandHandler<'open-modal'> = async ({ slash, client }) => {
  await client.views.open({
    trigger_id: slash.trigger_id,
    view: intakeModal({ channelId: slash.channel_id, responseUrl: slash.response_url }),
  });
};
