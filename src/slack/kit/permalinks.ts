import type { WebClient } from '@slack/web-api';

/**
 * Message permalinks without a `chat.getPermalink` call per message: Slack's permalinks are the workspace URL,
 * `/archives/<channel>/p<ts without the dot>`, so the first answer teaches the workspace URL and the rest are built
 * here (the open digest links dozens of cards; every flag links its card).
 */
export class Permalinks {
  private workspaceUrl: string | null = null;

  constructor(private readonly client: WebClient) {}

  /** The permalink of a top-level message (a thread reply's also names its thread, so ask Slack for those). */
  async of(channel: string, ts: string): Promise<string | null> {
    if (this.workspaceUrl) return this.build(channel, ts);
    const answer = await this.client.chat.getPermalink({ channel, message_ts: ts });
    const base = answer.permalink?.split('/archives/')[0];
    if (!base) return answer.permalink ?? null;
    this.workspaceUrl = base;
    return this.build(channel, ts);
  }

  /** The permalink, built without a call, once an earlier answer taught the workspace URL; else null. */
  known(channel: string, ts: string): string | null {
    return this.workspaceUrl ? this.build(channel, ts) : null;
  }

  private build(channel: string, ts: string) {
    return `${this.workspaceUrl}/archives/${channel}/p${ts.replace('.', '')}`;
  }
}
