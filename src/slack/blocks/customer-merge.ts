import type { TMergeCustomersResult } from '../../domain/customers/merge-customers';
import { escapeMrkdwn, section, type TMessage } from './limits';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The merger's private confirmation; a retry says it found the merge already done. */
export function customerMergeMessage(result: TMergeCustomersResult): TMessage {
  const alias = escapeMrkdwn(result.alias.name);
  const target = escapeMrkdwn(result.target.name);
  if (result.alreadyMerged) {
    const text = `“${result.alias.name}” was already merged into “${result.target.name}”; nothing changed.`;
    return {
      text,
      blocks: [section(`:information_source: *${alias}* was already merged into *${target}*; nothing changed.`)],
    };
  }
  const { moved } = result;
  const what = [
    count(moved.escalations, 'escalation'),
    count(moved.surveyResponses, 'survey response'),
    count(moved.lifecycleEvents, 'lifecycle event'),
  ].join(', ');
  const text = `Merged “${result.alias.name}” into “${result.target.name}”: moved ${what}.`;
  return {
    text,
    blocks: [
      section(
        `:twisted_rightwards_arrows: Merged *${alias}* into *${target}*: moved ${what}. The name “${alias}” now finds ${target}; the merge is on ${target}'s timeline.`,
      ),
    ],
  };
}
