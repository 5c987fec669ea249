import type { TSubcommandHandler } from '../commands/subcommand';
import { intakeModal } from './intake-modal';

export const openModalSubcommand: TSubcommandHandler<'open-modal'> = async ({ slash, client }) => {
  await client.views.open({
    trigger_id: slash.trigger_id,
    view: intakeModal({ channelId: slash.channel_id, responseUrl: slash.response_url }),
  });
};
