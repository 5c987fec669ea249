import type { TDomainDeps } from '../../core/shared/deps';
import { createTheme, linkToTheme } from '../../core/themes/link-escalations';
import { linkTickets, unlinkTicket } from '../../core/themes/theme-tickets';
import { themesByStake } from '../../core/themes/themes-at-stake';
import type { TTheme } from '../../core/themes/themes-repository';
import type { TCommand } from '../commands/parse-command';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import type { TMessage } from '../kit/block-limits';
import { themeCardPermalink } from './theme-listener-common';
import { linkReply, ticketLinkReply, ticketUnlinkReply } from './theme-replies';
import { themesAtStakeMessage } from './themes-at-stake-view';

/**
 * The `kind` of theme sub-command (for advocates: commands/command-permissions.ts): makes the change as the one who
 * typed it, and answers with `render` of its outcome and a link to the theme's card.
 */
function themeSubcommand<K extends TCommand['kind'], TOutcome extends { theme: Pick<TTheme, 'id'> }>(
  _kind: K,
  change: (deps: TDomainDeps, command: Extract<TCommand, { kind: K }>, actorId: string) => Promise<TOutcome>,
  render: (outcome: TOutcome, permalink: string | null) => TMessage,
): TSubcommandHandler<K> {
  return async ({ command, slash, respond, services }) => {
    const outcome = await change(services.deps, command, slash.user_id);
    await respond(privately(render(outcome, await themeCardPermalink(services, outcome.theme.id))));
  };
}

/** `/advocate theme <title> ADV-1 ADV-2 …`: opens THM-n, owned by the advocate who opened it. */
export const themeCreateSubcommand = themeSubcommand(
  'theme-create',
  (deps, { title, escalationIds }, actorId) => createTheme(deps, { title, escalationIds, actorId, via: 'command' }),
  linkReply,
);

/** `/advocate theme THM-3 ADV-7 …`: links more, moving any that were in another theme. */
export const themeLinkSubcommand = themeSubcommand(
  'theme-link',
  (deps, { themeId, escalationIds }, actorId) => linkToTheme(deps, { themeId, escalationIds, actorId, via: 'command' }),
  linkReply,
);

/** `/advocate theme THM-3 link <url> …`: attaches engineering tickets whose state the trackers' webhooks follow. */
export const themeTicketLinkSubcommand = themeSubcommand(
  'theme-ticket-link',
  (deps, { themeId, urls }, actorId) => linkTickets(deps, { themeId, urls, actorId, via: 'command' }),
  ticketLinkReply,
);

/** `/advocate theme THM-3 unlink <url>`. */
export const themeTicketUnlinkSubcommand = themeSubcommand(
  'theme-ticket-unlink',
  (deps, { themeId, url }, actorId) => unlinkTicket(deps, { themeId, url, actorId, via: 'command' }),
  ticketUnlinkReply,
);

/** `/advocate themes`: what each open theme puts at stake, for the advocates who take it to engineering. */
export const themesAtStakeSubcommand: TSubcommandHandler<'themes'> = async ({ respond, services }) => {
  const ranked = await themesByStake(services.deps, services.config.accounts);
  await respond(privately(themesAtStakeMessage(ranked)));
};
