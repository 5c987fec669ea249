import type { Workspace } from '@advocate/slack-standin';

export type TRole = 'agent' | 'advocate' | 'bystander' | 'guest';

export interface TPerson {
  id: string;
  name: string;
  realName: string;
  role: TRole;
}

export interface TSandboxDirectory {
  advocateChannelId: string;
  usergroupId?: string;
}

/**
 * The stand-in's people with the role the app will see: advocates are the user group's members (or, without a
 * group, the advocate channel's); someone who reads the advocate channel without being one is a bystander; a
 * restricted member is a guest, whatever else (src/slack/kit/advocate-directory.ts).
 */
export function peopleOf(ws: Workspace, directory: TSandboxDirectory): TPerson[] {
  const advocateChannel = ws.channels.get(directory.advocateChannelId);
  const group = directory.usergroupId ? (ws.usergroups.get(directory.usergroupId) ?? []) : undefined;
  const isAdvocate = (id: string) => (group ? group.includes(id) : Boolean(advocateChannel?.members.has(id)));
  return [...ws.users.values()]
    .filter((user) => !user.isBot)
    .map((user) => ({
      id: user.id,
      name: user.name,
      realName: user.realName,
      role: user.guest
        ? 'guest'
        : isAdvocate(user.id)
          ? 'advocate'
          : advocateChannel?.members.has(user.id)
            ? 'bystander'
            : 'agent',
    }));
}
