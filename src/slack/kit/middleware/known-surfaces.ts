import { trusted } from '../../../core/shared/text/mrkdwn';
import { message, section, type TMessage } from '../block-limits';
import { ActionId, CallbackId } from '../ids';
import type { TSlackServices } from '../slack-services';
import { isSlackUrl } from '../slack-urls';
import { ackOf, type TMiddleware, type TMiddlewareArgs } from './context';
import { privately } from './reply-surface';

const ACTIONS = new Set<string>(Object.values(ActionId));
const CALLBACKS = new Set<string>(Object.values(CallbackId));

const OUT_OF_DATE_BUTTON = trusted(
  'This button is out of date, so nothing was changed. Use the buttons on the latest card or message, or `/advocate help`.',
);

export const outOfDateButtonMessage = (): TMessage => message(OUT_OF_DATE_BUTTON, [section(OUT_OF_DATE_BUTTON)]);

/** Tells the presser privately that their button is out of date: where they pressed it, else by DM. */
export async function answerOutOfDateButton(services: TSlackServices, args: TMiddlewareArgs<unknown>) {
  const { user } = (args.body ?? {}) as { user?: { id?: string } };
  const answer = outOfDateButtonMessage();
  const hasResponseUrl = Boolean((args.body as { response_url?: string }).response_url);
  const told = args.respond && hasResponseUrl ? args.respond(privately(answer)) : undefined;
  const sent = told ?? (user?.id ? services.client.chat.postMessage({ channel: user.id, ...answer }) : undefined);
  await Promise.resolve(sent).catch((error) => services.logger.warn('could not say a button is out of date:', error));
}

/** A modal that replaces a form Advocate does not take (any more). */
const outOfDateForm = () => ({
  response_action: 'update',
  view: {
    type: 'modal',
    title: { type: 'plain_text', text: 'Advocate' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      section(
        trusted('This form is out of date, so nothing was saved. Close it and start again from `/advocate` or a card.'),
      ),
    ],
  },
});

type TBody = {
  type?: string;
  actions?: { action_id?: string }[];
  view?: { callback_id?: string };
  response_url?: string;
  response_urls?: { response_url?: string }[];
};

/**
 * Global middleware for what Slack sends back to us: a button whose action id Advocate does not know gets a private
 * "out of date"; a form whose callback it never opens is refused in the modal; a request naming a response_url off
 * Slack's hosts (see isSlackUrl) is acknowledged and dropped, so no answer goes anywhere else.
 */
export const knownSurfacesOnly =
  (services: TSlackServices): TMiddleware<unknown> =>
  async (args) => {
    const body = (args.body ?? {}) as TBody;
    const ack = ackOf(args);
    const urls = [body.response_url, ...(body.response_urls ?? []).map((entry) => entry.response_url)].filter(
      (url): url is string => typeof url === 'string',
    );
    const foreign = urls.find((url) => !isSlackUrl(url, services.client.slackApiUrl));
    if (foreign) {
      await ack?.();
      services.logger.warn(
        `${body.type ?? 'request'}: response_url off Slack's hosts ignored (${new URL(foreign).host})`,
      );
      return;
    }
    if (body.type === 'block_actions' && !ACTIONS.has(body.actions?.[0]?.action_id ?? '')) {
      await ack?.();
      await answerOutOfDateButton(services, args);
      return;
    }
    if (body.type === 'view_submission' && !CALLBACKS.has(body.view?.callback_id ?? '')) {
      await ack?.(outOfDateForm());
      services.logger.warn(`view_submission for a form Advocate never opens (${body.view?.callback_id ?? 'none'})`);
      return;
    }
    await args.next();
  };
