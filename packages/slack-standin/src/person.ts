import { isObj, validateView } from './block-kit';
import type { AppContentType, AppResponse } from './client-to-app';
import { fillBlockIds } from './message-content';
import {
  type AppIdentity,
  appHomeOpenedEvent,
  blockActionsBody,
  eventCallbackBody,
  messageShortcutBody,
  reactionAddedEvent,
  reactionRemovedEvent,
  slashCommandBody,
  viewSubmissionBody,
} from './payloads';
import { applyResponse, type ResponseTarget } from './response-urls';
import { messageJson, payloadChannelName, viewHash, viewJson } from './shapes';
import { buildViewState } from './view-state';
import type { Workspace } from './workspace';

// What a person does in the Slack client, turned into state changes and the request Slack would send.

export interface PersonContext {
  ws: Workspace;
  app: AppIdentity;
  slashCommand: string;
  responseUrl(target: ResponseTarget): string;
  trigger(userId: string): string;
  /** Undefined when no app is configured to receive requests. */
  deliver(body: string, contentType: AppContentType): Promise<AppResponse | undefined>;
}

const FORM = 'application/x-www-form-urlencoded';

function person(ctx: PersonContext, userId: string) {
  const user = ctx.ws.users.get(userId);
  if (!user || user.isBot) throw new Error(`stand-in: no person ${userId}`);
  return { id: user.id, name: user.name };
}

function channelFor(ctx: PersonContext, userId: string, channelId: string) {
  const channel = ctx.ws.channels.get(channelId);
  if (!channel?.members.has(userId)) throw new Error(`stand-in: ${userId} is not in ${channelId}`);
  return channel;
}

function messageAt(ctx: PersonContext, channelId: string, ts: string) {
  const m = ctx.ws.findMessage(channelId, ts);
  if (!m) throw new Error(`stand-in: no message ${ts} in ${channelId}`);
  return m;
}

export async function runSlashCommand(ctx: PersonContext, userId: string, channelId: string, text: string) {
  const user = person(ctx, userId);
  const channel = channelFor(ctx, userId, channelId);
  const target = { channelId, userId };
  const body = slashCommandBody(
    {
      command: ctx.slashCommand,
      text,
      userId,
      userName: user.name,
      channelId,
      channelName: payloadChannelName(channel),
      responseUrl: ctx.responseUrl(target),
      triggerId: ctx.trigger(userId),
    },
    ctx.app,
  );
  const res = await ctx.deliver(body, FORM);
  // A body in the ack is shown like a response_url message.
  if (res?.status === 200 && res.text.trim() !== '') {
    applyResponse(ctx.ws, target, isObj(res.json) ? res.json : { text: res.text });
  }
  return res;
}

export async function setReaction(
  ctx: PersonContext,
  on: boolean,
  userId: string,
  channelId: string,
  ts: string,
  name: string,
) {
  person(ctx, userId);
  const m = messageAt(ctx, channelId, ts);
  if (!ctx.ws.setReaction(m, name, userId, on)) throw new Error(`stand-in: ${on ? 'already_reacted' : 'no_reaction'}`);
  const input = { user: userId, reaction: name, channel: channelId, ts, itemUser: m.user };
  const event = on ? reactionAddedEvent(input) : reactionRemovedEvent(input);
  return ctx.deliver(eventCallbackBody({ event }, ctx.app), 'application/json');
}

function findButton(blocks: unknown, actionId: string, blockId?: string) {
  for (const block of Array.isArray(blocks) ? blocks.filter(isObj) : []) {
    if (blockId && block.block_id !== blockId) continue;
    const elements = Array.isArray(block.elements) ? block.elements : [block.accessory];
    const button = elements.find((e) => isObj(e) && e.type === 'button' && e.action_id === actionId);
    if (isObj(button)) return { button, blockId: String(block.block_id) };
  }
  return undefined;
}

/** A button on a message; `blockId` picks one row when several rows repeat the same action (a digest's buttons). */
export async function clickButton(
  ctx: PersonContext,
  userId: string,
  channelId: string,
  ts: string,
  actionId: string,
  blockId?: string,
) {
  const user = person(ctx, userId);
  const channel = channelFor(ctx, userId, channelId);
  const message = ctx.ws.findMessage(channelId, ts);
  const ephemeral = ctx.ws.ephemerals.find((e) => e.channel === channelId && e.ts === ts && e.user === userId);
  if (!message && !ephemeral) throw new Error(`stand-in: ${userId} sees no message ${ts} in ${channelId}`);
  const found = findButton(message?.blocks ?? ephemeral?.blocks, actionId, blockId);
  if (!found) throw new Error(`stand-in: no button ${actionId}${blockId ? ` in ${blockId}` : ''} on message ${ts}`);
  const { button } = found;
  const threadTs = message?.threadTs ?? ephemeral?.threadTs;
  const body = blockActionsBody(
    {
      user,
      channel: { id: channelId, name: payloadChannelName(channel) },
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: channelId,
        is_ephemeral: !message,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      // Slack leaves the message out of payloads from ephemeral messages.
      ...(message ? { message: messageJson(ctx.ws, message) } : {}),
      actions: [
        {
          action_id: actionId,
          block_id: found.blockId,
          type: 'button',
          ...(isObj(button.text) ? { text: button.text } : {}),
          ...(typeof button.value === 'string' ? { value: button.value } : {}),
          ...(typeof button.style === 'string' ? { style: button.style } : {}),
        },
      ],
      responseUrl: ctx.responseUrl({ channelId, userId, messageTs: ts }),
      triggerId: ctx.trigger(userId),
    },
    ctx.app,
  );
  return ctx.deliver(body, FORM);
}

/** Submits an open modal; the app's answer (response_action) closes, updates or keeps it as Slack would. */
export async function submitView(
  ctx: PersonContext,
  userId: string,
  viewId: string,
  values: Record<string, Record<string, unknown>> = {},
) {
  const user = person(ctx, userId);
  const view = ctx.ws.views.get(viewId);
  if (!view?.open || view.type !== 'modal' || (view.userId && view.userId !== userId)) {
    throw new Error(`stand-in: ${userId} has no open modal ${viewId}`);
  }
  const state = buildViewState(view.body.blocks, values);
  const submitted = viewJson(ctx.ws, view, state);
  const body = viewSubmissionBody({ user, view: submitted, triggerId: ctx.trigger(userId) }, ctx.app);
  const res = await ctx.deliver(body, FORM);
  if (res?.status !== 200) return res;
  const answer = isObj(res.json) ? res.json : {};
  if (answer.response_action === 'errors' || answer.response_action === 'push') return res;
  if (answer.response_action === 'update' && validateView(answer.view).length === 0) {
    const next = answer.view as Record<string, unknown>;
    const body = { ...next, blocks: fillBlockIds(next.blocks as unknown[]) };
    ctx.ws.saveView({ ...view, body, hash: viewHash() }, 'view_updated');
    return res;
  }
  const toClose = answer.response_action === 'clear' ? [...ctx.ws.views.values()] : [view];
  for (const v of toClose.filter((v) => v.open && v.type === 'modal' && v.userId === view.userId)) {
    ctx.ws.saveView({ ...v, open: false }, 'view_closed');
  }
  return res;
}

export async function runMessageShortcut(
  ctx: PersonContext,
  userId: string,
  channelId: string,
  ts: string,
  callbackId: string,
) {
  const user = person(ctx, userId);
  const channel = channelFor(ctx, userId, channelId);
  const message = { ...messageJson(ctx.ws, messageAt(ctx, channelId, ts)), ts };
  const body = messageShortcutBody(
    {
      callback_id: callbackId,
      user,
      channel: { id: channelId, name: payloadChannelName(channel) },
      message,
      responseUrl: ctx.responseUrl({ channelId, userId, messageTs: ts }),
      triggerId: ctx.trigger(userId),
    },
    ctx.app,
  );
  return ctx.deliver(body, FORM);
}

export async function openHome(ctx: PersonContext, userId: string) {
  person(ctx, userId);
  const dm = ctx.ws.dmWith(userId);
  const home = ctx.ws.homeOf(userId);
  const event = appHomeOpenedEvent({ user: userId, channel: dm.id, tab: 'home', view: home && viewJson(ctx.ws, home) });
  return ctx.deliver(eventCallbackBody({ event }, ctx.app), 'application/json');
}

/** A button on the person's App Home tab; `blockId` picks one row when several carry the same action. */
export async function clickHomeButton(ctx: PersonContext, userId: string, actionId: string, blockId?: string) {
  const user = person(ctx, userId);
  const home = ctx.ws.homeOf(userId);
  if (!home) throw new Error(`stand-in: ${userId} has no home tab published`);
  const found = findButton(home.body.blocks, actionId, blockId);
  if (!found)
    throw new Error(`stand-in: no button ${actionId}${blockId ? ` in ${blockId}` : ''} on ${userId}'s home tab`);
  const { button, blockId: foundBlockId } = found;
  const body = blockActionsBody(
    {
      user,
      container: { type: 'view', view_id: home.id },
      view: viewJson(ctx.ws, home),
      actions: [
        {
          action_id: actionId,
          block_id: foundBlockId,
          type: 'button',
          ...(isObj(button.text) ? { text: button.text } : {}),
          ...(typeof button.value === 'string' ? { value: button.value } : {}),
        },
      ],
      triggerId: ctx.trigger(userId),
    },
    ctx.app,
  );
  return ctx.deliver(body, FORM);
}

/**
 * Picks `value` in a menu on a message (a static select or an overflow), as a person choosing it does: Slack sends
 * block_actions with the option chosen as `selected_option`.
 */
export async function chooseOption(
  ctx: PersonContext,
  userId: string,
  channelId: string,
  ts: string,
  actionId: string,
  value: string,
) {
  const user = person(ctx, userId);
  const channel = channelFor(ctx, userId, channelId);
  const message = ctx.ws.findMessage(channelId, ts);
  if (!message) throw new Error(`stand-in: ${userId} sees no message ${ts} in ${channelId}`);
  let found: { menu: Record<string, unknown>; blockId: string } | undefined;
  for (const block of Array.isArray(message.blocks) ? message.blocks.filter(isObj) : []) {
    const elements = Array.isArray(block.elements) ? block.elements : [block.accessory];
    const menu = elements.find(
      (e) => isObj(e) && (e.type === 'static_select' || e.type === 'overflow') && e.action_id === actionId,
    );
    if (isObj(menu)) found = { menu, blockId: String(block.block_id) };
  }
  if (!found) throw new Error(`stand-in: no menu ${actionId} on message ${ts}`);
  const options = Array.isArray(found.menu.options) ? found.menu.options.filter(isObj) : [];
  const option = options.find((o) => o.value === value);
  if (!option) throw new Error(`stand-in: menu ${actionId} offers no option ${value}`);
  const body = blockActionsBody(
    {
      user,
      channel: { id: channelId, name: payloadChannelName(channel) },
      container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: false },
      message: messageJson(ctx.ws, message),
      actions: [
        {
          action_id: actionId,
          block_id: found.blockId,
          type: found.menu.type === 'overflow' ? 'overflow' : 'static_select',
          selected_option: { text: option.text as Record<string, unknown>, value: String(option.value) },
        },
      ],
      responseUrl: ctx.responseUrl({ channelId, userId, messageTs: ts }),
      triggerId: ctx.trigger(userId),
    },
    ctx.app,
  );
  return ctx.deliver(body, FORM);
}
