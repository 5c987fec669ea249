import type { Workspace } from '@advocate/slack-standin';
import { linkChannel } from '../../core/customers/link-channel';
import { recordCustomerEvents } from '../../core/customers/record-lifecycle';
import type { TDomainDeps } from '../../core/shared/deps';
import type { TSampleRole } from './sample-escalations';

const DAY = 86_400_000;
/** The Slack Connect channel the sample shares with Acme Corp. */
export const SAMPLE_SHARED_CHANNEL = { id: 'C0ACMESHRD', name: 'acme-shared' } as const;

/** Owner (a sample role), tier, ARR and renewal (days from now) of the sample customers. */
const SAMPLE_ACCOUNTS: {
  customer: string;
  owner: TSampleRole;
  tier: string;
  arr: number;
  renewsInDays: number;
  domains: string[];
}[] = [
  {
    customer: 'Acme Corp',
    owner: 'advocate1',
    tier: 'enterprise',
    arr: 420_000,
    renewsInDays: 41,
    domains: ['acme.example'],
  },
  {
    customer: 'Globex',
    owner: 'advocate2',
    tier: 'enterprise',
    arr: 1_150_000,
    renewsInDays: 55,
    domains: ['globex.example'],
  },
  {
    customer: 'Soylent',
    owner: 'advocate2',
    tier: 'growth',
    arr: 96_000,
    renewsInDays: 200,
    domains: ['soylent.example'],
  },
  {
    customer: 'Initech',
    owner: 'advocate1',
    tier: 'growth',
    arr: 64_000,
    renewsInDays: 80,
    domains: ['initech.example'],
  },
  {
    customer: 'Initrode',
    owner: 'advocate1',
    tier: 'starter',
    arr: 18_000,
    renewsInDays: 300,
    domains: ['initrode.example'],
  },
  { customer: 'Hooli', owner: 'advocate2', tier: 'starter', arr: 12_000, renewsInDays: 20, domains: ['hooli.example'] },
];

/**
 * The sample accounts' facts (as a CRM would send them) and a channel shared with Acme Corp, linked to it; returns
 * that channel's id.
 */
export async function loadSampleAccounts(
  deps: TDomainDeps,
  options: { ws: Workspace },
  cast: Record<TSampleRole, string>,
): Promise<string> {
  const now = deps.clock.now();
  const day = (days: number) => {
    const at = new Date(now.getTime() + days * DAY);
    return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  };
  await recordCustomerEvents(deps, {
    source: 'import',
    events: SAMPLE_ACCOUNTS.map((account) => ({
      customer: account.customer,
      event: 'updated',
      facts: {
        owner: cast[account.owner],
        tier: account.tier,
        arr: account.arr,
        renewalAt: day(account.renewsInDays),
        domains: account.domains,
      },
    })),
  });
  const channel = options.ws.addChannel({
    ...SAMPLE_SHARED_CHANNEL,
    members: Object.values(cast),
    botMember: true,
  });
  await linkChannel(deps, { channelId: channel.id, customer: 'Acme Corp', actorId: cast.advocate1, via: 'command' });
  return channel.id;
}
