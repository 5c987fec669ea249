import type { KnownBlock } from '@slack/types';
import { themeAccounts } from '../../core/themes/theme-accounts';
import {
  findTheme,
  recordThemeCardPosted,
  recordThemeCardPostFailure,
  type TTheme,
} from '../../core/themes/themes-repository';
import { NotYet, type TOutboxHandlers, type TSendContext } from '../kit/outbox-dispatcher';
import { postJoiningIfNeeded } from '../kit/post-joining';
import { classifySlackError } from '../kit/slack-errors';
import { themeCard } from './theme-card';
import { themeEventMessage } from './theme-events';
import { outcomeCheckMessage } from './theme-outcome-views';

async function loadTheme(context: TSendContext, themeId: number) {
  const theme = await findTheme(context.db.prisma, themeId);
  if (!theme) throw new Error(`theme ${themeId} no longer exists`);
  return theme;
}

/** The theme's revenue at stake as of now; without account settings (a bare dispatcher in tests), none. */
async function accountsFor(context: TSendContext, theme: TTheme) {
  return context.accounts ? themeAccounts(context.db.prisma, theme, context.clock.now(), context.accounts) : undefined;
}

/** A line in the theme card's thread, once the card is posted. */
async function postInThemeThread(context: TSendContext, themeId: number, text: string, blocks?: KnownBlock[]) {
  const theme = await loadTheme(context, themeId);
  if (!theme.cardTs || !theme.cardChannelId) throw new NotYet(5_000, 'theme card not posted yet');
  await context.client.chat.postMessage({ channel: theme.cardChannelId, thread_ts: theme.cardTs, text, blocks });
}

/** Sends the theme kinds of outbox message; cards are rendered from the database at send time. */
export const themeOutboxHandlers: Pick<
  TOutboxHandlers,
  'theme.card.post' | 'theme.card.update' | 'theme.event' | 'theme.outcome'
> = {
  'theme.card.post': async (message, context) => {
    const theme = await loadTheme(context, message.themeId);
    if (theme.cardTs) return; // posted by an earlier attempt that timed out after Slack accepted it
    const card = themeCard(theme, context.clock.now(), await accountsFor(context, theme));
    try {
      const posted = await postJoiningIfNeeded(
        context.client,
        {
          channel: context.advocateChannelId,
          text: card.text,
          blocks: card.blocks,
        },
        context.joins,
      );
      await recordThemeCardPosted(context.db.prisma, theme.id, posted.channel ?? context.advocateChannelId, posted.ts!);
    } catch (error) {
      await recordThemeCardPostFailure(context.db.prisma, theme.id, classifySlackError(error).permanent);
      throw error;
    }
  },

  'theme.card.update': async (message, context) => {
    const theme = await loadTheme(context, message.themeId);
    // Not posted yet: the pending theme.card.post renders the current state, so there is nothing to update.
    if (!theme.cardTs || !theme.cardChannelId) return;
    const card = themeCard(theme, context.clock.now(), await accountsFor(context, theme));
    await context.client.chat.update({
      channel: theme.cardChannelId,
      ts: theme.cardTs,
      text: card.text,
      blocks: card.blocks,
    });
  },

  'theme.event': (message, context) => {
    const { text, blocks } = themeEventMessage(message.event);
    return postInThemeThread(context, message.themeId, text, blocks);
  },

  'theme.outcome': (message, context) => {
    const { text, blocks } = outcomeCheckMessage(message.days, message.outcome);
    return postInThemeThread(context, message.themeId, text, blocks);
  },
};
