import { trusted } from '../../core/shared/text/mrkdwn';
import { context, message, section, type TMessage } from './block-limits';

/** What anyone who is not an advocate hears when they try an advocate's action: who may, and that nothing changed. */
export const onlyAdvocatesText = (who: string, what: string) =>
  `Only advocates (${who}) can ${what}; nothing was changed.`;

export const onlyAdvocatesMessage = (who: string, what: string): TMessage => {
  // `who` is Advocate's own description of the advocates (a group or channel mention).
  const text = trusted(onlyAdvocatesText(who, what));
  return message(text, [section(text)]);
};

/** What a guest hears when they try what any full member may do. */
export const notForGuestsMessage = (what: string): TMessage => {
  const text = trusted(
    `Guests of this workspace can't ${what}; nothing was changed. Ask a full member of the workspace to do it for you, or a workspace admin to make you a full member.`,
  );
  return message(text, [section(text)]);
};

/** How to become an advocate, added to every advocate-only refusal (`how` is Advocate's own text). */
export function withHowToBecome(refusal: TMessage, how: string): TMessage {
  const sentence = `To become an advocate, ${how}.`;
  return {
    text: `${refusal.text} ${sentence}`,
    blocks: refusal.blocks.length > 0 ? [...refusal.blocks, context(trusted(sentence))] : [],
  };
}
