import type { TSubcommandHandlers } from '../subcommand';
import { flagSubcommand } from './flag';
import { listSubcommand, showSubcommand } from './list-and-show';
import { openModalSubcommand } from './open-modal';

/** Each capability adds its sub-commands here; a kind without a handler is answered as unavailable. */
export const subcommandHandlers: TSubcommandHandlers = {
  flag: flagSubcommand,
  'open-modal': openModalSubcommand,
  list: listSubcommand,
  show: showSubcommand,
};
