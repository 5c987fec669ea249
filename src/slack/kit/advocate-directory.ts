import type { WebClient } from '@slack/web-api';
import { roleAuthz, type TAuthz, type TRole } from '../../core/shared/authz';
import type { TClock } from '../../core/shared/clock';

export interface TAdvocateDirectoryOptions {
  client: WebClient;
  clock: TClock;
  /** Members of this user group are the advocates, when set. */
  usergroupId?: string;
  /** Otherwise the members of the advocate channel are. */
  channelId: string;
  ttlMs?: number;
  /** A user not in the cached list triggers a refresh, at most this often (someone may have just joined). */
  missRefreshMs?: number;
  /** How long whether someone is a guest is remembered (an admin rarely changes it). */
  guestTtlMs?: number;
}

/** Who may act on escalations, cached briefly so a burst of reactions costs one Slack call. */
export class AdvocateDirectory {
  private members: Set<string> | null = null;
  private fetchedAt = 0;
  private refreshing: Promise<Set<string>> | null = null;
  private readonly guests = new Map<string, { guest: boolean; at: number }>();

  constructor(private readonly options: TAdvocateDirectoryOptions) {}

  describe() {
    return this.options.usergroupId
      ? `members of <!subteam^${this.options.usergroupId}>`
      : `members of <#${this.options.channelId}>`;
  }

  /** Mention text for reminders: the user group when there is one, else the channel's advocates as @here. */
  mention() {
    return this.options.usergroupId ? `<!subteam^${this.options.usergroupId}>` : '<!here>';
  }

  /** How someone becomes an advocate, for refusals. */
  howToBecome() {
    return this.options.usergroupId
      ? `ask a workspace admin to add you to <!subteam^${this.options.usergroupId}>`
      : `join <#${this.options.channelId}>`;
  }

  /**
   * A guest is never an advocate, even in the advocate channel (a guest may be invited into any channel); anyone
   * else is an advocate or an agent as the directory says.
   */
  async roleOf(userId: string): Promise<TRole> {
    if (await this.isGuest(userId)) return 'guest';
    return (await this.isAdvocate(userId)) ? 'advocate' : 'agent';
  }

  /** Restricted (multi-channel) and ultra-restricted (single-channel) members; someone Slack does not know too. */
  private async isGuest(userId: string): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    const known = this.guests.get(userId);
    if (known && now - known.at < (this.options.guestTtlMs ?? 600_000)) return known.guest;
    const guest = await this.options.client.users
      .info({ user: userId })
      .then(({ user }) => Boolean(user?.is_restricted || user?.is_ultra_restricted || user?.deleted))
      .catch((error: { data?: { error?: string } }) => {
        if (error.data?.error === 'user_not_found') return true;
        throw error;
      });
    if (this.guests.size > 10_000) this.guests.clear();
    this.guests.set(userId, { guest, at: now });
    return guest;
  }

  async isAdvocate(userId: string): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    const age = now - this.fetchedAt;
    if (!this.members || age > (this.options.ttlMs ?? 60_000)) return (await this.refresh()).has(userId);
    if (this.members.has(userId)) return true;
    if (age > (this.options.missRefreshMs ?? 5_000)) return (await this.refresh()).has(userId);
    return false;
  }

  private refresh(): Promise<Set<string>> {
    this.refreshing ??= this.fetch()
      .then((members) => {
        this.members = members;
        this.fetchedAt = this.options.clock.now().getTime();
        return members;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async fetch(): Promise<Set<string>> {
    const { client, usergroupId, channelId } = this.options;
    if (usergroupId) {
      const result = await client.usergroups.users.list({ usergroup: usergroupId });
      return new Set(result.users ?? []);
    }
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel: channelId, limit: 1000, cursor });
      for (const member of page.members ?? []) members.add(member);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }
}

/** The authorization port over the directory: each person's role, and the table in core/shared/authz.ts. */
export const directoryAuthz = (directory: AdvocateDirectory): TAuthz => roleAuthz((userId) => directory.roleOf(userId));
