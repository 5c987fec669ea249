import type { WebClient } from '@slack/web-api';

/**
 * Every message the outbox posts carries its outbox key as message metadata. When an earlier attempt may have
 * reached Slack without its answer coming back (a timeout, a crash), the message is looked for before it is posted
 * again, so that an ambiguous failure never shows a card, a thread line or a DM twice.
 */
export const OUTBOX_EVENT_TYPE = 'advocate_outbox';

export const outboxMetadata = (key: string) => ({ event_type: OUTBOX_EVENT_TYPE, event_payload: { key } });

const CLOCK_MARGIN_MS = 15 * 60_000;

interface TPosted {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

const carriesKey = (message: TPosted, key: string) =>
  message.metadata?.event_type === OUTBOX_EVENT_TYPE && message.metadata.event_payload?.key === key;

/** The ts of the message posted with this key in `channel` (or in the thread of `threadTs`) since `since`, if any. */
export async function findEarlierPost(
  client: WebClient,
  where: { channel: string; key: string; since: Date; threadTs?: string },
): Promise<string | null> {
  // A margin for the difference between our clock and Slack's, which stamps the ts.
  const oldest = String(Math.floor((where.since.getTime() - CLOCK_MARGIN_MS) / 1000));
  const answer = where.threadTs
    ? await client.conversations.replies({ channel: where.channel, ts: where.threadTs, include_all_metadata: true })
    : await client.conversations.history({
        channel: where.channel,
        oldest,
        limit: 999,
        include_all_metadata: true,
      });
  const found = ((answer.messages ?? []) as TPosted[]).find((message) => carriesKey(message, where.key));
  return found?.ts ?? null;
}

/** The DM channel with a person, for looking up what was sent to them. */
export async function directChannelOf(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  return opened.channel?.id ?? userId;
}
