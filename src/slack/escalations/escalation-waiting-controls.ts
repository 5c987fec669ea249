import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { escalationRef } from '../../core/escalations/escalation-vocabulary';
import { setWaiting, type TWaitingOutcome } from '../../core/escalations/escalation-waiting';
import { describeSlaClock, readSlaClock, type TWaitingOn, WAITING_ON } from '../../core/escalations/sla-clock';
import { type Mrkdwn, mrkdwn, trusted } from '../../core/shared/text/mrkdwn';
import { privately, type TSubcommandHandler } from '../commands/subcommand';
import type { TDigestServices } from '../digests/digest-kinds';
import { message, section } from '../kit/block-limits';
import { ActionId } from '../kit/ids';
import { advocatesOnly } from '../kit/middleware/advocates-only';
import type { TListenerContext, TMiddleware } from '../kit/middleware/context';
import { buttonPress } from '../kit/middleware/reply-where';
import type { TPressed } from '../kit/middleware/subject';
import { ZBlockAction, ZJsonText } from '../kit/payloads';

/** What the person who paused or resumed is told: what changed, and the clock now. */
function waitingAnswer(outcome: TWaitingOutcome, on: TWaitingOn | null, services: TDigestServices, now: Date): Mrkdwn {
  const { escalation } = outcome;
  const ref = escalationRef(escalation.id);
  const reading = readSlaClock(services.config.sla.policy, escalation, now);
  const clock = reading
    ? trusted(` (${describeSlaClock(reading, now, services.config.digest.timeZone, true)})`)
    : trusted('');
  if (!outcome.changed)
    return on
      ? mrkdwn`*${ref}* is already waiting on ${trusted(on)}; nothing changed${clock}.`
      : mrkdwn`*${ref}* is not waiting, so there is nothing to resume${clock}.`;
  return on
    ? mrkdwn`:double_vertical_bar: *${ref}* is waiting on ${trusted(on)}: its resolve clock is paused until \`/advocate resume ${ref}\`, an advocate acts on it, or its theme's tickets all close${clock}.`
    : mrkdwn`:arrow_forward: *${ref}* is no longer waiting: its resolve clock runs again${clock}.`;
}

/** `/advocate wait ADV-n customer|engineering [note]`. */
export const waitSubcommand: TSubcommandHandler<'wait'> = async ({ command, slash, respond, services }) => {
  const outcome = await setWaiting(services.deps, {
    escalationId: command.escalationId,
    actorId: slash.user_id,
    via: 'command',
    on: command.on,
    note: command.note,
  });
  const text = waitingAnswer(outcome, command.on, services, services.deps.clock.now());
  await respond(privately(message(text, [section(text)])));
};

/** `/advocate resume ADV-n`. */
export const resumeSubcommand: TSubcommandHandler<'resume'> = async ({ command, slash, respond, services }) => {
  const outcome = await setWaiting(services.deps, {
    escalationId: command.escalationId,
    actorId: slash.user_id,
    via: 'command',
    on: null,
  });
  const text = waitingAnswer(outcome, null, services, services.deps.clock.now());
  await respond(privately(message(text, [section(text)])));
};

const ZWaitValue = ZJsonText.pipe(
  z.object({
    escalationId: z.number().int().positive(),
    version: z.number().int().nonnegative().optional(),
    on: z.enum(WAITING_ON).nullable(),
  }),
);
type TWaitValue = z.infer<typeof ZWaitValue>;

/** A choice in the Waiting… menu: the block action, and the option's value (Slack sends it as `selected_option`). */
const ZWaitChoice = z.unknown().transform((body, ctx) => {
  const action = ZBlockAction.safeParse(body);
  const raw = (body as { actions?: { selected_option?: { value?: unknown } }[] } | null)?.actions?.[0]?.selected_option
    ?.value;
  const value = typeof raw === 'string' ? ZWaitValue.safeParse(raw) : null;
  if (!action.success || !value?.success) {
    ctx.addIssue({ code: 'custom', message: 'unexpected Waiting… choice' });
    return z.NEVER;
  }
  return { action: action.data, value: value.data };
}) as unknown as z.ZodType<TPressed<TWaitValue>>;

type TWaitContext = TListenerContext<TPressed<TWaitValue>>;

const onWaitChoice =
  (services: TDigestServices): TMiddleware<TWaitContext> =>
  async ({ context }) => {
    const { action, value } = context.subject;
    const outcome = await setWaiting(services.deps, {
      escalationId: value.escalationId,
      actorId: action.user.id,
      via: 'button',
      on: value.on,
    });
    // The card is redrawn from the outbox; the person hears privately what the clock does now.
    const text = waitingAnswer(outcome, value.on, services, services.deps.clock.now());
    await context.reply(message(text, [section(text)]));
  };

export function registerWaitingControls(app: App, services: TDigestServices) {
  app.action<BlockAction, TWaitContext>(
    ActionId.Wait,
    ...buttonPress(services, ZWaitChoice),
    advocatesOnly(services, 'canActOnEscalations', "pause an escalation's clock"),
    onWaitChoice(services),
  );
}
