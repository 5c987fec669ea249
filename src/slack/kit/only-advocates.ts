import { trusted } from '../../core/shared/text/mrkdwn';
import { message, section, type TMessage } from './block-limits';

/** What anyone who is not an advocate hears when they try an advocate's action: who may, and that nothing changed. */
export const onlyAdvocatesText = (who: string, what: string) =>
  `Only advocates (${who}) can ${what}; nothing was changed.`;

export const onlyAdvocatesMessage = (who: string, what: string): TMessage => {
  // `who` is Advocate's own description of the advocates (a group or channel mention).
  const text = trusted(onlyAdvocatesText(who, what));
  return message(text, [section(text)]);
};
