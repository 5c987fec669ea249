import { themeOutcome } from '../../core/themes/theme-outcome';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import { themeNotResolvedMessage, themeOutcomeMessage } from './theme-outcome-views';

/** `/advocate theme THM-3 outcome`: anyone may ask, privately, how the fix has done so far. */
export const themeOutcomeSubcommand: TSubcommandHandler<'theme-outcome'> = async ({ command, respond, services }) => {
  const answer = await themeOutcome(services.deps, command.themeId);
  await respond(
    privately(
      answer.kind === 'outcome'
        ? themeOutcomeMessage(answer.theme, answer.outcome)
        : themeNotResolvedMessage(answer.theme),
    ),
  );
};
