import type { AppResponse, SlackStandIn } from '@advocate/slack-standin';
import { z } from 'zod';
import { SUMMARY_MAX_LENGTH } from '../core/escalations/escalation-vocabulary';
import { CallbackId } from '../slack/kit/ids';
import { SandboxRefusal } from './http';
import { peopleOf, type TSandboxDirectory } from './people';

const ZUser = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a user ID such as "U0AGENT001"');
const ZChannel = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'a channel ID such as "C0SUPPORT1"');
const ZTs = z.string().regex(/^\d+\.\d+$/, 'a message ts such as "1712345678.123456"');

/** What the page can do, each as a person would in Slack. */
export const ZActions = {
  // As much as an escalation stores: a pasted conversation is what the sandbox is for.
  command: z.object({
    user: ZUser,
    channel: ZChannel,
    text: z
      .string()
      .max(
        SUMMARY_MAX_LENGTH,
        `is over ${SUMMARY_MAX_LENGTH.toLocaleString('en-US')} characters, the most a summary holds; shorten it`,
      ),
  }),
  message: z.object({
    user: ZUser,
    channel: ZChannel,
    text: z.string().trim().min(1).max(40000),
    threadTs: ZTs.optional(),
  }),
  join: z.object({ user: ZUser, channel: ZChannel }),
  leave: z.object({ user: ZUser, channel: ZChannel }),
  reaction: z.object({
    user: ZUser,
    channel: ZChannel,
    ts: ZTs,
    name: z.string().regex(/^[a-z0-9_+-]{1,100}(::skin-tone-\d)?$/, 'an emoji name such as "eyes"'),
    add: z.boolean(),
  }),
  button: z.union([
    z.object({
      user: ZUser,
      surface: z.literal('message'),
      channel: ZChannel,
      ts: ZTs,
      actionId: z.string().min(1),
      blockId: z.string().optional(),
    }),
    z.object({ user: ZUser, surface: z.literal('home'), actionId: z.string().min(1), blockId: z.string().optional() }),
  ]),
  choose: z.object({
    user: ZUser,
    channel: ZChannel,
    ts: ZTs,
    actionId: z.string().min(1),
    value: z.string().min(1).max(2000),
  }),
  shortcut: z.object({
    user: ZUser,
    channel: ZChannel,
    ts: ZTs,
    callbackId: z.string().default(CallbackId.FlagShortcut),
  }),
  viewSubmit: z.object({
    user: ZUser,
    viewId: z.string().min(1),
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  }),
  viewClose: z.object({ user: ZUser, viewId: z.string().min(1) }),
  home: z.object({ user: ZUser }),
  digest: z.object({ user: ZUser.optional(), kind: z.enum(['open', 'nps']) }),
  storm: z.object({}),
} as const;

/** What "Simulate storm" sends: an outage as agents report it, from several customers, in their own words. */
const STORM_FLAGS = 30;
const STORM_CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Soylent', 'Stark Industries'];
const STORM_WORDS = [
  'login fails with a 502 since this morning',
  'cannot log in, SSO page times out',
  'dashboard down, login spinner never ends',
  'login error 502 on every attempt',
];

export type TActionName = keyof typeof ZActions;
export type TActionInput<K extends TActionName> = z.infer<(typeof ZActions)[K]>;

export interface TActionContext {
  standIn: SlackStandIn;
  directory: TSandboxDirectory;
}

/** The stand-in says "stand-in: U0AGENT001 is not in C0ADVOCATE"; the page says "@alice is not in #advocates". */
function readable(message: string, ctx: TActionContext): string {
  const { ws } = ctx.standIn;
  return message
    .replace(/^stand-in: /, '')
    .replace(/\b[UW][A-Z0-9]{8,}\b/g, (id) => (ws.users.has(id) ? `@${ws.users.get(id)!.name}` : id))
    .replace(/\b[CGD][A-Z0-9]{8,}\b/g, (id) => {
      const channel = ws.channels.get(id);
      return channel && !channel.imUser ? `#${channel.name}` : id;
    });
}

/** Runs a person's action in the stand-in; a refusal there (not a member, already reacted…) becomes a 400. */
async function asPerson(ctx: TActionContext, run: () => Promise<AppResponse | undefined>) {
  let response: AppResponse | undefined;
  try {
    response = await run();
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('stand-in: ')) throw new SandboxRefusal(400, readable(message, ctx));
    throw error;
  }
  if (!response) throw new SandboxRefusal(503, 'the Slack stand-in is not connected to the app yet');
  if (response.timedOut)
    throw new SandboxRefusal(504, 'Advocate did not answer within 3 seconds (Slack would show "operation_timeout")');
  if (response.status >= 400) throw new SandboxRefusal(502, `Advocate answered HTTP ${response.status}`);
  return { ok: true, status: response.status, answer: response.json ?? null };
}

function personIn(ctx: TActionContext, user: string) {
  const person = ctx.standIn.ws.users.get(user);
  if (!person || person.isBot) throw new SandboxRefusal(400, `there is no person ${user} in the sandbox`);
  return person;
}

function channelFor(ctx: TActionContext, user: string, channelId: string) {
  const channel = ctx.standIn.ws.channels.get(channelId);
  if (!channel) throw new SandboxRefusal(400, `there is no channel ${channelId} in the sandbox`);
  if (!channel.members.has(user))
    throw new SandboxRefusal(403, readable(`${user} is not in ${channelId}; join it first`, ctx));
  return channel;
}

export const sandboxActions: { [K in TActionName]: (ctx: TActionContext, input: TActionInput<K>) => Promise<unknown> } =
  {
    // Thirty flags from every agent in #support, as an outage brings them: past STORM_THRESHOLD they become a storm.
    async storm(ctx) {
      const support = ctx.standIn.ws.channelByIdOrName('support');
      if (!support) throw new SandboxRefusal(400, 'the storm needs a #support channel');
      // Guests may not flag: a storm sent partly as a guest would lose those flags to refusals.
      const agents = peopleOf(ctx.standIn.ws, ctx.directory).filter(
        (p) => (p.role === 'agent' || p.role === 'bystander') && support.members.has(p.id),
      );
      if (agents.length === 0) throw new SandboxRefusal(400, 'the storm needs an agent in #support');
      for (let i = 0; i < STORM_FLAGS; i++) {
        const customer = STORM_CUSTOMERS[i % STORM_CUSTOMERS.length];
        const text = `!high #outage customer:"${customer}" ${STORM_WORDS[i % STORM_WORDS.length]}`;
        await asPerson(ctx, () => ctx.standIn.runSlashCommand(agents[i % agents.length]!.id, support.id, text));
      }
      return {
        ok: true,
        message: `Sent ${STORM_FLAGS} flags from ${agents.length} agent(s); watch #advocates roll them into a storm.`,
      };
    },

    command: (ctx, { user, channel, text }) => asPerson(ctx, () => ctx.standIn.runSlashCommand(user, channel, text)),

    async message(ctx, { user, channel, text, threadTs }) {
      personIn(ctx, user);
      channelFor(ctx, user, channel);
      if (threadTs && !ctx.standIn.ws.findMessage(channel, threadTs))
        throw new SandboxRefusal(400, 'that thread is not in this channel');
      const message = ctx.standIn.ws.post({ channel, user, text, threadTs });
      return { ok: true, ts: message.ts };
    },

    async join(ctx, { user, channel }) {
      personIn(ctx, user);
      const found = ctx.standIn.ws.channels.get(channel);
      if (!found || found.imUser || found.isPrivate)
        throw new SandboxRefusal(400, 'only public channels can be joined');
      if (!found.members.has(user)) ctx.standIn.ws.join(channel, user);
      return { ok: true };
    },

    /** Leaving #advocates (without a user group) makes an advocate or a bystander an agent again. */
    async leave(ctx, { user, channel }) {
      personIn(ctx, user);
      const found = ctx.standIn.ws.channels.get(channel);
      if (!found || found.imUser) throw new SandboxRefusal(400, 'only channels can be left');
      if (found.members.has(user)) ctx.standIn.ws.leave(channel, user);
      return { ok: true };
    },

    reaction: (ctx, { user, channel, ts, name, add }) =>
      asPerson(ctx, () =>
        add ? ctx.standIn.addReaction(user, channel, ts, name) : ctx.standIn.removeReaction(user, channel, ts, name),
      ),

    button: (ctx, input) =>
      asPerson(ctx, () => {
        if (input.surface === 'home') return ctx.standIn.clickHomeButton(input.user, input.actionId, input.blockId);
        return ctx.standIn.clickButton(input.user, input.channel, input.ts, input.actionId, input.blockId);
      }),

    choose: (ctx, { user, channel, ts, actionId, value }) =>
      asPerson(ctx, () => ctx.standIn.chooseOption(user, channel, ts, actionId, value)),

    shortcut: (ctx, { user, channel, ts, callbackId }) =>
      asPerson(ctx, () => ctx.standIn.runMessageShortcut(user, channel, ts, callbackId)),

    async viewSubmit(ctx, { user, viewId, values }) {
      const result = await asPerson(ctx, () => ctx.standIn.submitView(user, viewId, values));
      const answer = result.answer as { response_action?: string; errors?: Record<string, string> } | null;
      // The app refused the form: Slack keeps the modal open and shows each message under its input.
      if (answer?.response_action === 'errors') return { ...result, errors: answer.errors ?? {} };
      return result;
    },

    async viewClose(ctx, { user, viewId }) {
      const { ws } = ctx.standIn;
      const view = ws.views.get(viewId);
      if (!view?.open || view.type !== 'modal' || view.userId !== user)
        throw new SandboxRefusal(400, 'that modal is not open for this person');
      // Advocate asks for no view_closed events, so Slack would close the modal without telling the app.
      ws.saveView({ ...view, open: false }, 'view_closed');
      return { ok: true };
    },

    home: (ctx, { user }) => asPerson(ctx, () => ctx.standIn.openHome(user)),

    async digest(ctx, { user, kind }) {
      const people = peopleOf(ctx.standIn.ws, ctx.directory);
      const advocates = people.filter((p) => p.role === 'advocate');
      const actor = advocates.find((p) => p.id === user) ?? advocates[0];
      if (!actor) throw new SandboxRefusal(400, 'the sandbox has no advocate to run the digest');
      const text = kind === 'nps' ? 'digest nps' : 'digest';
      const result = await asPerson(ctx, () =>
        ctx.standIn.runSlashCommand(actor.id, ctx.directory.advocateChannelId, text),
      );
      return { ...result, actor: actor.id };
    },
  };
