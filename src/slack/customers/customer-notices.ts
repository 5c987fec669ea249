import type { TOutboxMessage } from '../../core/shared/outbox/outbox-messages';
import { fromOutside, joinMrkdwn, type Mrkdwn, mrkdwn } from '../../core/shared/text/mrkdwn';

type TCrowd = Extract<TOutboxMessage, { kind: 'customers.at-risk.crowd' }>;

/** The one message in the advocate channel naming many customers that became at risk at once. */
export function atRiskCrowdLine(crowd: Pick<TCrowd, 'names' | 'total'>): Mrkdwn {
  const names = joinMrkdwn(crowd.names.map(fromOutside), ', ');
  const more = crowd.total > crowd.names.length ? ` and ${crowd.total - crowd.names.length} more` : '';
  return mrkdwn`:rotating_light: ${crowd.total} more customers became at risk: ${names}${more}. \`/advocate customer at-risk\` lists them with their reasons.`;
}
