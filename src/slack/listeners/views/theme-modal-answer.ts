import type { WebClient } from '@slack/web-api';
import type { TMessage } from '../../blocks/limits';
import { onlyAdvocatesMessage } from '../../blocks/only-advocates';
import type { TSlackServices } from '../../services';
import { userFacingError } from '../respond-with-error';

/**
 * After a theme modal was submitted: checks that the person is an advocate (`what` says what only advocates may
 * do), runs `work` in the background, and answers privately where the modal was opened (an ephemeral there, or a DM
 * when Slack refuses one), including a failure.
 */
export function answerThemeModal(
  services: TSlackServices,
  client: WebClient,
  where: { userId: string; channelId?: string; what: string },
  work: () => Promise<TMessage>,
) {
  const { userId, channelId, what } = where;
  const tell = async (message: TMessage) => {
    if (channelId) {
      const shown = await client.chat
        .postEphemeral({ channel: channelId, user: userId, text: message.text, blocks: message.blocks })
        .then(() => true)
        .catch(() => false);
      if (shown) return;
    }
    await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
  };
  services.background(async () => {
    try {
      if (!(await services.advocates.isAdvocate(userId))) {
        await tell(onlyAdvocatesMessage(services.advocates.describe(), what));
        return;
      }
      await tell(await work());
    } catch (error) {
      await tell(userFacingError(error, services.logger)).catch((tellError) =>
        services.logger.error(`could not answer after a modal (${what}):`, tellError),
      );
    }
  });
}
