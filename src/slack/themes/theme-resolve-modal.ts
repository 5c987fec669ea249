import type { ModalView } from '@slack/types';
import { isOpenStatus, themeRef } from '../../core/escalations/escalation-vocabulary';
import { fromOutside, fromSlack, mrkdwn, plainOf } from '../../core/shared/text/mrkdwn';
import { RESOLUTION_NOTE_MAX_LENGTH } from '../../core/themes/resolve-theme';
import { ticketsResolutionNote } from '../../core/themes/theme-tickets';
import type { TTheme } from '../../core/themes/themes-repository';
import { section, truncate } from '../kit/block-limits';
import { CallbackId } from '../kit/ids';

export const ThemeResolveBlock = { Note: 'note' } as const;
export const THEME_RESOLVE_ACTION = 'value';

export interface TThemeResolveMetadata {
  themeId: number;
  /** Where the button was pressed, to answer there privately. */
  channelId?: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Asks for the resolution note and says, before anyone commits, who will be told. */
export function themeResolveModal(theme: TTheme, metadata: TThemeResolveMetadata): ModalView {
  const tickets = theme.tickets ?? [];
  // Every linked ticket closed: start the note with what engineering shipped (titles come from the trackers, so
  // they are made plain: no mention, no disguised link).
  const initialNote =
    tickets.length > 0 && tickets.every((ticket) => ticket.state === 'closed')
      ? truncate(plainOf(fromOutside(ticketsResolutionNote(tickets))), RESOLUTION_NOTE_MAX_LENGTH)
      : undefined;
  const open = theme.escalations.filter((escalation) => isOpenStatus(escalation.status)).length;
  const agents = new Set(theme.escalations.map((escalation) => escalation.reporterId)).size;
  return {
    type: 'modal',
    callback_id: CallbackId.ThemeResolveModal,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(`Resolve ${themeRef(theme.id)}`, 24) },
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        mrkdwn`*${themeRef(theme.id)}* “${fromSlack(truncate(theme.title, 200))}”\nYour note goes to ${plural(theme.escalations.length, 'escalation thread')} and to the ${plural(agents, 'agent')} who flagged them; the ${plural(open, 'escalation')} still open will be resolved.`,
      ),
      {
        type: 'input',
        block_id: ThemeResolveBlock.Note,
        label: { type: 'plain_text', text: 'Resolution note' },
        hint: { type: 'plain_text', text: 'What was fixed, and what customers should expect now.' },
        element: {
          type: 'plain_text_input',
          action_id: THEME_RESOLVE_ACTION,
          multiline: true,
          max_length: RESOLUTION_NOTE_MAX_LENGTH,
          ...(initialNote ? { initial_value: initialNote } : {}),
        },
      },
    ],
  };
}
