import type { Workspace } from '@advocate/slack-standin';
import { claimDelivery, completeDelivery, failDelivery, findDelivery } from '../../core/digests/deliveries-repository';
import { changeEscalation } from '../../core/escalations/change-escalation';
import { escalationRef, themeRef } from '../../core/escalations/escalation-vocabulary';
import type { TEscalation } from '../../core/escalations/escalations-repository';
import { flagEscalation } from '../../core/escalations/flag-escalation';
import type { TDomainDeps } from '../../core/shared/deps';
import { isoWeeksEndingAt } from '../../core/shared/time/zoned';
import { recordSurveyResponses } from '../../core/surveys/record-responses';
import { createTheme } from '../../core/themes/link-escalations';
import { resolveTheme } from '../../core/themes/resolve-theme';
import { SandboxRefusal } from '../http';
import { peopleOf, type TSandboxDirectory } from '../people';
import { loadSampleAccounts } from './sample-accounts';
import { SAMPLE_ESCALATIONS, SAMPLE_FIXED_THEME, SAMPLE_THEME_TITLE, type TSampleRole } from './sample-escalations';
import { sampleResponses } from './sample-surveys';

export interface TLoadSampleDataOptions extends TSandboxDirectory {
  ws: Workspace;
  timeZone: string;
}

export interface TSampleDataResult {
  ok: true;
  message: string;
  escalationIds: number[];
  themeId: number;
  responses: number;
}

const HOUR = 3_600_000;

/** Recorded once per database before loading: a second click is refused instead of duplicating everything. */
const sampleDataKey = (channelId: string) => ({ kind: 'sandbox.sample-data', channelId, period: 'v1' });

const at = (deps: TDomainDeps, hoursAgo: number): TDomainDeps => {
  const when = new Date(deps.clock.now().getTime() - hoursAgo * HOUR);
  return { ...deps, clock: { now: () => when } };
};

function castOf(options: TLoadSampleDataOptions): Record<TSampleRole, string> {
  const people = peopleOf(options.ws, options);
  // Someone who joined #advocates to look around reads it as a bystander, but still flags as an agent.
  const agents = people.filter((p) => p.role !== 'advocate');
  const advocates = people.filter((p) => p.role === 'advocate');
  if (agents.length < 2 || advocates.length < 2)
    throw new SandboxRefusal(400, 'the sample data needs two agents and two advocates in the workspace');
  return { agent1: agents[0]!.id, agent2: agents[1]!.id, advocate1: advocates[0]!.id, advocate2: advocates[1]!.id };
}

function supportChannelOf(options: TLoadSampleDataOptions): string {
  const channel = options.ws.channelByIdOrName('support');
  if (!channel) throw new SandboxRefusal(400, 'the sample data needs a #support channel');
  return channel.id;
}

/**
 * Escalations of every status (each flagged from a message in #support, then claimed, raised or resolved by the
 * advocates, with their cards, thread lines and DMs), a theme over three customers' billing escalations, and eight
 * weeks of NPS and CSAT responses. All of it goes through the domain functions, as if people had done it.
 */
export async function loadSampleData(deps: TDomainDeps, options: TLoadSampleDataOptions): Promise<TSampleDataResult> {
  const cast = castOf(options);
  const support = supportChannelOf(options);
  const key = sampleDataKey(support);
  if (!(await claimDelivery(deps.db.prisma, key, 'sandbox', deps.clock.now()))) {
    const loaded = await findDelivery(deps.db.prisma, key);
    throw new SandboxRefusal(
      409,
      loaded?.status === 'sending'
        ? 'The sample data is being loaded right now.'
        : `The sample data was already loaded${loaded?.sentAt ? ` on ${loaded.sentAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}; loading it again would duplicate it.`,
    );
  }
  try {
    const result = await load(deps, options, cast, support);
    await completeDelivery(deps.db.prisma, key, deps.clock.now());
    return result;
  } catch (error) {
    await failDelivery(deps.db.prisma, key, (error as Error).message.slice(0, 500));
    throw error;
  }
}

async function load(
  deps: TDomainDeps,
  options: TLoadSampleDataOptions,
  cast: Record<TSampleRole, string>,
  support: string,
): Promise<TSampleDataResult> {
  const { ws } = options;
  const now = deps.clock.now();
  // Accounts first, so that cards, themes and reports show owners, tiers, renewals and ARR from the start.
  const shared = await loadSampleAccounts(deps, options, cast);
  // The history comes first: the weeks of responses predate the escalations, so none is bridged into a card thread.
  const responses = sampleResponses(isoWeeksEndingAt(now, options.timeZone, 8), now);
  await recordSurveyResponses(deps, { source: 'import', responses });
  const fixedResponses = SAMPLE_FIXED_THEME.responses.map(([customer, score, daysAgo], index) => ({
    kind: 'nps' as const,
    score,
    customer,
    respondedAt: new Date(now.getTime() - daysAgo * 24 * HOUR),
    externalId: `sandbox-sample:fixed-theme:${index}`,
  }));
  await recordSurveyResponses(deps, { source: 'import', responses: fixedResponses });

  const escalationIds: number[] = [];
  const statuses: string[] = [];
  const themed: number[] = [];
  const ordered = [...SAMPLE_ESCALATIONS].sort((a, b) => b.flaggedHoursAgo - a.flaggedHoursAgo);
  for (const sample of ordered) {
    const reporterId = cast[sample.reporter];
    const source = ws.post({ channel: support, user: reporterId, text: sample.conversation });
    let escalation: TEscalation = await flagEscalation(at(deps, sample.flaggedHoursAgo), {
      reporterId,
      sourceChannelId: support,
      sourceMessageTs: source.ts,
      sourceLink: `https://${ws.team.domain}.slack.com/archives/${support}/p${source.ts.replace('.', '')}`,
      summary: sample.summary,
      severity: sample.severity,
      tags: sample.tags,
      customer: sample.customer,
      via: 'shortcut',
    });
    for (const step of sample.steps) {
      ({ escalation } = await changeEscalation(at(deps, step.hoursAgo), {
        escalationId: escalation.id,
        kind: step.kind,
        actorId: cast[step.by],
        via: step.via,
      }));
    }
    escalationIds.push(escalation.id);
    statuses.push(escalation.status);
    if (sample.inTheme) themed.push(escalation.id);
  }

  const theme = await createTheme(at(deps, 20), {
    title: SAMPLE_THEME_TITLE,
    escalationIds: themed,
    actorId: cast.advocate2,
    via: 'command',
  });

  // A flag from the channel shared with Acme Corp names Acme without `customer:`.
  const sharedPost = ws.post({
    channel: shared,
    user: cast.agent2,
    text: 'Our SSO login loops back to the start page.',
  });
  // Flagged half an hour ago, like the others, so that the drain after the load sends its card (see sandbox-routes).
  const fromShared = await flagEscalation(at(deps, 0.5), {
    reporterId: cast.agent2,
    sourceChannelId: shared,
    sourceMessageTs: sharedPost.ts,
    summary: 'SSO login loops back to the start page for Acme admins',
    severity: 'medium',
    tags: ['sso'],
    via: 'shortcut',
  });
  escalationIds.push(fromShared.id);
  statuses.push(fromShared.status);

  // The theme fixed weeks ago comes last, so that the escalations above are numbered one after the other.
  const fixedTheme = await loadFixedTheme(deps, ws, cast, support);

  // One fresh detractor for a customer with an open escalation: it lands in that escalation's thread.
  await recordSurveyResponses(deps, {
    source: 'webhook',
    responses: [
      {
        kind: 'nps',
        score: 3,
        customer: 'Globex',
        comment: 'Half of our team still cannot log in with SSO.',
        respondedAt: new Date(now.getTime() - HOUR),
        externalId: 'sandbox-sample:globex-detractor',
      },
    ],
  });

  const first = escalationRef(escalationIds[0]!);
  const last = escalationRef(escalationIds.at(-1)!);
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    ok: true,
    message: `Loaded ${escalationIds.length} escalations (${first}…${last}: ${count('open')} open, ${count('claimed')} claimed, ${count('resolved')} resolved), theme ${themeRef(theme.theme.id)}, theme ${themeRef(fixedTheme)} fixed ${SAMPLE_FIXED_THEME.resolvedDaysAgo} days ago (try \`/advocate theme ${themeRef(fixedTheme)} outcome\`) and ${responses.length + fixedResponses.length + 1} NPS/CSAT responses over 8 weeks. Run the digests to see them.`,
    escalationIds,
    themeId: theme.theme.id,
    responses: responses.length + fixedResponses.length + 1,
  };
}

/** Flags, groups and resolves SAMPLE_FIXED_THEME weeks ago, as the advocates would have; returns the theme's id. */
async function loadFixedTheme(deps: TDomainDeps, ws: Workspace, cast: Record<TSampleRole, string>, support: string) {
  const sample = SAMPLE_FIXED_THEME;
  const ids: number[] = [];
  for (const [index, customer] of sample.customers.entries()) {
    const summary = sample.summaries[index]!;
    const source = ws.post({ channel: support, user: cast.agent1, text: `${customer}: ${summary}` });
    const escalation = await flagEscalation(at(deps, sample.flaggedDaysAgo[index]! * 24), {
      reporterId: cast.agent1,
      sourceChannelId: support,
      sourceMessageTs: source.ts,
      sourceLink: `https://${ws.team.domain}.slack.com/archives/${support}/p${source.ts.replace('.', '')}`,
      summary,
      severity: 'high',
      tags: sample.tags,
      customer,
      via: 'shortcut',
    });
    ids.push(escalation.id);
  }
  const { theme } = await createTheme(at(deps, (sample.flaggedDaysAgo.at(-1)! - 1) * 24), {
    title: sample.title,
    escalationIds: ids,
    actorId: cast.advocate1,
    via: 'command',
  });
  await resolveTheme(at(deps, sample.resolvedDaysAgo * 24), {
    themeId: theme.id,
    note: sample.note,
    actorId: cast.advocate1,
    via: 'button',
  });
  return theme.id;
}
