import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { digestRunAnswer } from './digest-answers';
import { DIGEST_TITLES, type TDigestName } from './digest-kinds';
import { sendDigest } from './send-digest';

/**
 * `/advocate digest [open|nps]`: posts that digest to the advocate channel now, as its own delivery (period
 * `manual:<time>`), so it neither replaces nor blocks the scheduled one.
 */
export const digestSubcommand: TSubcommandHandler<'digest'> = async ({ command, respond, services }) => {
  const now = services.deps.clock.now();
  const channelId = services.config.slack.advocateChannelId;
  const run = await sendDigest(services, {
    kind: command.digest,
    trigger: 'manual',
    scheduledAt: now,
    now,
    recipients: 'advocate-channel',
  });
  const result = run?.results.find((entry) => entry.channelId === channelId);
  const title = DIGEST_TITLES[command.digest as TDigestName];
  await respond(
    privately(digestRunAnswer({ title, channelId, outcome: result?.outcome ?? 'busy', reason: result?.reason })),
  );
};
