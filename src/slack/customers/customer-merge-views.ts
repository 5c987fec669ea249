import type { TMergeCustomersResult } from '../../core/customers/merge-customers';
import { fromOutside, mrkdwn } from '../../core/shared/text/mrkdwn';
import { message, section, type TMessage } from '../kit/block-limits';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The merger's private confirmation; a retry says it found the merge already done. */
export function customerMergeMessage(result: TMergeCustomersResult): TMessage {
  const alias = fromOutside(result.alias.name);
  const target = fromOutside(result.target.name);
  if (result.alreadyMerged) {
    const text = mrkdwn`“${alias}” was already merged into “${target}”; nothing changed.`;
    return message(text, [
      section(mrkdwn`:information_source: *${alias}* was already merged into *${target}*; nothing changed.`),
    ]);
  }
  const { moved } = result;
  const what = [
    count(moved.escalations, 'escalation'),
    count(moved.surveyResponses, 'survey response'),
    count(moved.lifecycleEvents, 'lifecycle event'),
  ].join(', ');
  const text = mrkdwn`Merged “${alias}” into “${target}”: moved ${what}.`;
  return {
    text: text.text,
    blocks: [
      section(
        mrkdwn`:twisted_rightwards_arrows: Merged *${alias}* into *${target}*: moved ${what}. The name “${alias}” now finds ${target}; the merge is on ${target}'s timeline.`,
      ),
    ],
  };
}

/**
 * Said when flagging or recording named a customer that did not exist and one close to it does: what was typed is
 * kept (a new customer), and the merge that folds it into the existing one is offered, ready to copy.
 */
export function newCustomerNearExisting(createdName: string, existingName: string) {
  const created = fromOutside(createdName);
  const existing = fromOutside(existingName);
  return section(
    mrkdwn`:mag: No customer “${created}” existed; created it. Did you mean *${existing}*? \`/advocate customer merge "${created}" "${existing}"\``,
  );
}
