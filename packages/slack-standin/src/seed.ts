import { DEFAULT_APP } from './payloads';
import type { WorkspaceSeed } from './workspace';

/**
 * A small workspace for Advocate: two agents, two advocates, a bystander and a guest; a support channel and the
 * advocate channel. The bystander reads #advocates but is not in the advocates' user group; the guest is a
 * multi-channel guest in #support.
 */
export const DEFAULT_SEED: WorkspaceSeed = {
  team: { id: DEFAULT_APP.teamId, name: 'Stand-in Workspace', domain: DEFAULT_APP.teamDomain },
  bot: { userId: DEFAULT_APP.botUserId, botId: 'B0ADVOCBOT', appId: DEFAULT_APP.apiAppId, name: 'advocate' },
  users: [
    { id: 'U0AGENT001', name: 'alice', email: 'alice@example.com', realName: 'Alice Agent' },
    { id: 'U0ADVOC001', name: 'bob', email: 'bob@example.com', realName: 'Bob Advocate' },
    { id: 'U0ADVOC002', name: 'carol', email: 'carol@example.com', realName: 'Carol Advocate' },
    { id: 'U0AGENT002', name: 'erin', email: 'erin@example.com', realName: 'Erin Agent' },
    { id: 'U0BYSTAND1', name: 'dave', email: 'dave@example.com', realName: 'Dave Bystander' },
    { id: 'U0GUEST001', name: 'frank', email: 'frank@example.com', realName: 'Frank Guest', guest: 'restricted' },
  ],
  channels: [
    {
      id: 'C0SUPPORT1',
      name: 'support',
      members: ['U0AGENT001', 'U0AGENT002', 'U0ADVOC001', 'U0ADVOC002', 'U0BYSTAND1', 'U0GUEST001'],
    },
    { id: 'C0ADVOCATE', name: 'advocates', members: ['U0ADVOC001', 'U0ADVOC002', 'U0BYSTAND1'], botMember: true },
  ],
  usergroups: { S0ADVOCATE: ['U0ADVOC001', 'U0ADVOC002'] },
};
