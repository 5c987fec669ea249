import type { KnownBlock } from '@slack/types';
import { mrkdwn } from '../../core/shared/text/mrkdwn';
import { isoWeekOf, previousIsoWeek, type TPeriod } from '../../core/shared/time/zoned';
import { detractorsWithoutAdvocate } from '../../core/surveys/detractors-without-advocate';
import { buildSurveyReport, type TSurveyReport } from '../../core/surveys/survey-report';
import { context as contextBlock, SlackLimits, type TMessage } from '../kit/block-limits';
import { slackErrorReason } from '../kit/slack-errors';
import { detractorsWithoutAdvocateBlocks } from '../surveys/survey-detractors';
import type { TDigestContext, TDigestKind, TDigestServices } from './digest-kinds';
import { npsChartDescription, npsReportMessage } from './nps-report';
import type { TOpenDigestSection } from './open-digest-sections';
import { postDigestMessages } from './post-digest';
import { renderSurveyTrendPng } from './survey-trend-chart';

export interface TComposedNpsReport {
  report: TSurveyReport;
  message: TMessage;
  chart: { png: Buffer; title: string; filename: string; altText: string };
}

/**
 * The week a run reports: a scheduled (or caught-up) run reports the ISO week that ended before its scheduled
 * minute; `/advocate digest nps` reports the current week so far.
 */
export function reportedWeek(
  context: Pick<TDigestContext, 'trigger' | 'scheduledAt' | 'now'>,
  timeZone: string,
): TPeriod {
  return context.trigger === 'manual'
    ? isoWeekOf(context.now, timeZone)
    : previousIsoWeek(context.scheduledAt, timeZone);
}

/** Other capabilities' sections, each held to its own budget and all to what the message has left. */
async function extraSections(
  services: TDigestServices,
  week: TPeriod,
  now: Date,
  budget: number,
): Promise<KnownBlock[]> {
  const blocks: KnownBlock[] = [];
  for (const extra of services.digestCatalog.weeklyReportSections) {
    const room = Math.min(extra.maxBlocks, budget - blocks.length);
    if (room <= 0) {
      services.logger.warn(`weekly report: no room left for section "${extra.name}"`);
      continue;
    }
    try {
      const built = await extra.build(services, { week, now });
      blocks.push(
        ...(built.length > room
          ? [
              ...built.slice(0, room - 1),
              contextBlock(mrkdwn`_${extra.name}: ${built.length - room + 1} more not shown._`),
            ]
          : built),
      );
    } catch (error) {
      services.logger.error(`weekly report section "${extra.name}" failed:`, error);
      blocks.push(contextBlock(mrkdwn`_${extra.name} could not be shown this time._`));
    }
  }
  return blocks;
}

/** The weekly NPS/CSAT report for a week: message (with the other capabilities' sections) and chart. */
export async function composeNpsReport(
  services: TDigestServices,
  options: { week: TPeriod; now: Date },
): Promise<TComposedNpsReport> {
  const timeZone = services.config.digest.timeZone;
  const report = await buildSurveyReport(services.deps, { week: options.week, now: options.now, timeZone });
  const base = npsReportMessage(report, { timeZone, chartFollows: true });
  const extra = await extraSections(
    services,
    options.week,
    options.now,
    SlackLimits.messageBlocks - base.blocks.length,
  );
  const description = npsChartDescription(report);
  const png = await renderSurveyTrendPng(report.trend, description.title);
  return { report, message: { text: base.text, blocks: [...base.blocks, ...extra] }, chart: { png, ...description } };
}

/** What is the same for every channel of one run is built once per run. */
const perRun = new WeakMap<TDigestContext, Promise<TComposedNpsReport>>();
function composedFor(services: TDigestServices, context: TDigestContext) {
  let composed = perRun.get(context);
  if (!composed) {
    composed = composeNpsReport(services, {
      week: reportedWeek(context, services.config.digest.timeZone),
      now: context.now,
    });
    perRun.set(context, composed);
    composed.catch(() => perRun.delete(context));
  }
  return composed;
}

/**
 * Uploads the chart as the message after the report. A failed upload is logged, not thrown: the report is
 * already in the channel, and failing the delivery would post it again on the next tick.
 */
async function uploadChart(services: TDigestServices, channelId: string, chart: TComposedNpsReport['chart']) {
  try {
    await services.client.filesUploadV2({
      channel_id: channelId,
      file: chart.png,
      filename: chart.filename,
      title: chart.title,
      alt_text: chart.altText,
    });
  } catch (error) {
    services.logger.warn(`NPS chart upload to ${channelId} failed (${slackErrorReason(error)})`);
  }
}

export const npsDigestKind: TDigestKind = {
  kind: 'nps',
  cron: (config) => config.digest.npsCron,
  period: (scheduledAt, timeZone) => previousIsoWeek(scheduledAt, timeZone).label,
  subscriptionKind: 'nps',
  async send(services, channelId, context) {
    const composed = await composedFor(services, context);
    const output = await postDigestMessages(services, channelId, [composed.message], context);
    if (!context.dryRun) await uploadChart(services, channelId, composed.chart);
    return output;
  },
};

/** The open digest's most blocks for detractors: a heading, eight responses and an "…and N more" line. */
const DETRACTOR_ROWS = 8;

/** The open digest's detractors who have no escalation and no advocate yet. */
export const detractorsSection: TOpenDigestSection = {
  name: 'Detractors without an advocate',
  maxBlocks: DETRACTOR_ROWS + 2,
  async build(services, { now }) {
    return detractorsWithoutAdvocateBlocks(await detractorsWithoutAdvocate(services.deps, now, DETRACTOR_ROWS));
  },
};
