import type { TConfig } from '../../config';
import type { TMessage } from '../kit/block-limits';
import type { TSlackServices } from '../kit/slack-services';
import type { TOpenDigestSection } from './open-digest-sections';
import type { TWeeklyReportSection } from './weekly-report-sections';

export type TDigestName = 'open' | 'nps';
export type TDigestTrigger = 'schedule' | 'catch-up' | 'manual';

/** What one delivery of a digest is about: the same object for every recipient of one run. */
export interface TDigestContext {
  /** The scheduled minute this run covers (for a manual run, the moment it was asked for). */
  scheduledAt: Date;
  now: Date;
  trigger: TDigestTrigger;
  /** Build and return the messages, but post nothing. */
  dryRun: boolean;
}

/** The messages that were posted to the channel (or, in a dry run, would have been), in order. */
export type TDigestOutput = TMessage[];

/**
 * A digest the scheduler sends on its cron: `open` from src/slack/digests/open-digest.ts, `nps` from src/slack/digests/nps-digest.ts,
 * listed in DIGESTS (src/app/composition.ts). The machinery in
 * send-digest.ts takes care of recipients, the lease, the delivery record and failures; `send` only builds and posts
 * (use postDigestMessages from post-digest.ts, which honours `context.dryRun`).
 */
export interface TDigestKind {
  kind: TDigestName;
  cron(config: TConfig): string;
  /** The delivery period a scheduled run covers, e.g. "2026-11-25T09:00" or "2026-W47"; same input, same label. */
  period(scheduledAt: Date, timeZone: string): string;
  /** Which `/advocate subscribe …` channels receive it, besides the advocate channel. */
  subscriptionKind: TDigestName;
  send(services: TDigestServices, channelId: string, context: TDigestContext): Promise<TDigestOutput>;
}

/** The kind of that name among the app's digests (src/app/composition.ts), or undefined when it has none. */
export function digestKind(digests: readonly TDigestKind[], name: string): TDigestKind | undefined {
  return digests.find((kind) => kind.kind === name);
}

/** How people call each digest in Slack messages. */
export const DIGEST_TITLES: Record<TDigestName, string> = { open: 'open-escalations digest', nps: 'NPS/CSAT digest' };

/**
 * The digests this build sends and the sections other capabilities add to them. The app lists them
 * (src/app/composition.ts) and hands them in; nothing here imports a capability's sections.
 */
export interface TDigestCatalog {
  /** The digests the scheduler sends, `/advocate digest` and `npm run digest` post, and channels subscribe to. */
  digests: readonly TDigestKind[];
  /** Sections after the open digest's own content, in this order. */
  openDigestSections: readonly TOpenDigestSection[];
  /** Sections after the weekly report's survey figures, in this order. */
  weeklyReportSections: readonly TWeeklyReportSection[];
}

/** The services of an app that sends digests: the listeners' services and the catalog the app was built with. */
export type TDigestServices = TSlackServices & { digestCatalog: TDigestCatalog };
