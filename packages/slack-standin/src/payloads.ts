import { randomBytes } from 'node:crypto';
import { randomId } from './workspace';

// Request bodies shaped like the ones Slack sends to an app (field names and nesting as in Slack's
// payload reference); form bodies come back encoded, event bodies as JSON text.

export interface AppIdentity {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  /** The deprecated verification token Slack still sends. */
  token: string;
  botUserId: string;
}

export const DEFAULT_APP: AppIdentity = {
  teamId: 'T0STANDIN1',
  teamDomain: 'standin',
  apiAppId: 'A0ADVOCAPP',
  token: 'standin-verification-token',
  botUserId: 'U0ADVOCBOT',
};

export interface PersonRef {
  id: string;
  name: string;
}

type Json = Record<string, unknown>;

function form(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function actionTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
}

function userJson(user: PersonRef, app: AppIdentity): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: app.teamId };
}

function teamJson(app: AppIdentity): Json {
  return { id: app.teamId, domain: app.teamDomain };
}

export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
  responseUrl: string;
  triggerId: string;
  teamId?: string;
  apiAppId?: string;
}

export function slashCommandBody(input: SlashCommandInput, app: AppIdentity = DEFAULT_APP): string {
  return new URLSearchParams({
    token: app.token,
    team_id: input.teamId ?? app.teamId,
    team_domain: app.teamDomain,
    channel_id: input.channelId,
    channel_name: input.channelName,
    user_id: input.userId,
    user_name: input.userName,
    command: input.command,
    text: input.text,
    api_app_id: input.apiAppId ?? app.apiAppId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

export type ActionContainer =
  | { type: 'message'; message_ts: string; channel_id: string; is_ephemeral: boolean; thread_ts?: string }
  | { type: 'view'; view_id: string };

export interface ButtonAction {
  action_id: string;
  block_id: string;
  value?: string;
  type: 'button';
  text?: Json;
  style?: string;
}

/** An option chosen in a static select or overflow menu on a message. */
export interface MenuAction {
  action_id: string;
  block_id: string;
  type: 'static_select' | 'overflow';
  selected_option: { text: Json; value: string };
}

export interface BlockActionsInput {
  user: PersonRef;
  channel?: PersonRef;
  container: ActionContainer;
  message?: Json;
  view?: Json;
  actions: (ButtonAction | MenuAction)[];
  responseUrl?: string;
  triggerId: string;
}

export function blockActionsBody(input: BlockActionsInput, app: AppIdentity = DEFAULT_APP): string {
  const ts = actionTs();
  return form({
    type: 'block_actions',
    user: userJson(input.user, app),
    api_app_id: app.apiAppId,
    token: app.token,
    container: input.container,
    trigger_id: input.triggerId,
    team: teamJson(app),
    enterprise: null,
    is_enterprise_install: false,
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.message ? { message: input.message } : {}),
    ...(input.view ? { view: input.view } : {}),
    state: { values: {} },
    ...(input.responseUrl ? { response_url: input.responseUrl } : {}),
    actions: input.actions.map((a) => ({ ...a, action_ts: ts })),
  });
}

export interface ViewSubmissionInput {
  user: PersonRef;
  view: { id: string; callback_id: string; private_metadata: string; state: { values: Json }; [key: string]: unknown };
  triggerId: string;
}

export function viewSubmissionBody(input: ViewSubmissionInput, app: AppIdentity = DEFAULT_APP): string {
  return form({
    type: 'view_submission',
    team: teamJson(app),
    user: userJson(input.user, app),
    api_app_id: app.apiAppId,
    token: app.token,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

export interface MessageShortcutInput {
  callback_id: string;
  user: PersonRef;
  channel: PersonRef;
  message: Json & { ts: string };
  responseUrl: string;
  triggerId: string;
}

export function messageShortcutBody(input: MessageShortcutInput, app: AppIdentity = DEFAULT_APP): string {
  return form({
    type: 'message_action',
    token: app.token,
    action_ts: actionTs(),
    team: teamJson(app),
    user: userJson(input.user, app),
    channel: input.channel,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callback_id,
    trigger_id: input.triggerId,
    response_url: input.responseUrl,
    message_ts: input.message.ts,
    message: input.message,
  });
}

export interface EventCallbackInput {
  eventId?: string;
  eventTime?: number;
  event: Json;
}

export function eventCallbackBody(input: EventCallbackInput, app: AppIdentity = DEFAULT_APP): string {
  return JSON.stringify({
    token: app.token,
    team_id: app.teamId,
    context_team_id: app.teamId,
    context_enterprise_id: null,
    api_app_id: app.apiAppId,
    event: input.event,
    type: 'event_callback',
    event_id: input.eventId ?? randomId('Ev'),
    event_time: input.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: app.teamId, user_id: app.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(24).toString('base64url')}`,
  });
}

/** A reaction on a message (channel + ts) or, as older payloads have it, on a file. */
export type ReactionEventInput = {
  user: string;
  reaction: string;
  /** Author of the item; Slack leaves it out for items no user wrote. */
  itemUser?: string;
} & ({ channel: string; ts: string } | { file: string });

function reactionEvent(type: string, input: ReactionEventInput): Json {
  return {
    type,
    user: input.user,
    reaction: input.reaction,
    ...(input.itemUser ? { item_user: input.itemUser } : {}),
    item:
      'file' in input ? { type: 'file', file: input.file } : { type: 'message', channel: input.channel, ts: input.ts },
    event_ts: actionTs(),
  };
}

export function reactionAddedEvent(input: ReactionEventInput): Json {
  return reactionEvent('reaction_added', input);
}

export function reactionRemovedEvent(input: ReactionEventInput): Json {
  return reactionEvent('reaction_removed', input);
}

export function appHomeOpenedEvent(input: { user: string; channel: string; tab?: 'home' | 'messages'; view?: Json }) {
  return {
    type: 'app_home_opened',
    user: input.user,
    channel: input.channel,
    tab: input.tab ?? 'home',
    ...(input.view ? { view: input.view } : {}),
    event_ts: actionTs(),
  };
}
