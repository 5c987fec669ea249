import { customerOfChannel, linkChannel, unlinkChannel } from '../../core/customers/link-channel';
import { setAccountFacts } from '../../core/customers/set-account-facts';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { accountSetMessage, channelLinkedMessage, channelShowMessage, channelUnlinkedMessage } from './account-views';
import { ownerDirectoryFor } from './slack-owner-directory';

/** Who may run each of these is the permission table's (src/slack/commands/command-permissions.ts). */
export const customerSetSubcommand: TSubcommandHandler<'customer-set'> = async ({
  command,
  slash,
  respond,
  services,
}) => {
  const result = await setAccountFacts(services.deps, {
    name: command.name,
    typed: command.typed,
    tiers: services.config.accounts.tiers,
    timeZone: services.config.digest.timeZone,
    directory: ownerDirectoryFor(services.client),
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(accountSetMessage(result)));
};

export const channelShowSubcommand: TSubcommandHandler<'channel-show'> = async ({ slash, respond, services }) => {
  const customer = await customerOfChannel(services.deps, slash.channel_id);
  await respond(privately(channelShowMessage(customer?.name ?? null, slash.channel_id)));
};

export const channelLinkSubcommand: TSubcommandHandler<'channel-link'> = async ({
  command,
  slash,
  respond,
  services,
}) => {
  const { customer, previous } = await linkChannel(services.deps, {
    customer: command.customer,
    channelId: slash.channel_id,
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(channelLinkedMessage(customer.name, previous?.name ?? null, slash.channel_id)));
};

export const channelUnlinkSubcommand: TSubcommandHandler<'channel-unlink'> = async ({ slash, respond, services }) => {
  const customer = await unlinkChannel(services.deps, {
    channelId: slash.channel_id,
    actorId: slash.user_id,
    via: 'command',
  });
  await respond(privately(channelUnlinkedMessage(customer?.name ?? null, slash.channel_id)));
};
