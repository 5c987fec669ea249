import type { TSqlQueryable } from '../../core/shared/db/sql';
import { summariseStorm } from '../../core/storms/storm-rule';
import { findStorm, recordStormPosted, stormEscalations } from '../../core/storms/storms-repository';
import { findEarlierPost, outboxMetadata } from '../kit/earlier-post';
import { NotYet, type TOutboxHandlers, type TSendContext } from '../kit/outbox-dispatcher';
import { postJoiningIfNeeded } from '../kit/post-joining';
import { stormMessage } from './storm-message';

async function renderStorm(context: TSendContext, stormId: number) {
  const storm = await findStorm(context.db.prisma, stormId);
  if (!storm) return null;
  const escalations = await stormEscalations(context.db.prisma, stormId);
  if (escalations.length === 0) return null;
  return { storm, view: stormMessage(storm, summariseStorm(escalations)) };
}

export const stormOutboxHandlers: Pick<TOutboxHandlers, 'storm.post' | 'storm.update'> = {
  'storm.post': async (message, context) => {
    const rendered = await renderStorm(context, message.stormId);
    if (!rendered || rendered.storm.messageTs) return;
    const { storm, view } = rendered;
    const { delivery } = context;
    const record = (ts: string) => (q: TSqlQueryable) => recordStormPosted(q, storm.id, ts);
    if (delivery.mayHaveBeenSent) {
      const where = { channel: storm.channelId, key: delivery.key, since: delivery.since };
      const earlier = await findEarlierPost(context.client, where);
      if (earlier) return record(earlier);
    }
    const posted = await postJoiningIfNeeded(
      context.client,
      { channel: storm.channelId, text: view.text, blocks: view.blocks, metadata: outboxMetadata(delivery.key) },
      context.joins,
    );
    return record(posted.ts!);
  },

  // Worded from the database when sent, so an update queued early still shows everything that joined since.
  'storm.update': async (message, context) => {
    const rendered = await renderStorm(context, message.stormId);
    if (!rendered) return;
    const { storm, view } = rendered;
    if (!storm.messageTs) throw new NotYet(2_000, 'storm message not posted yet');
    await context.client.chat.update({ channel: storm.channelId, ts: storm.messageTs, ...view });
  },
};
