import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { createTheme, linkToTheme, MAX_LINKS_PER_COMMAND, type TLinkOutcome } from '../themes/link-escalations';
import { queueStormThemed } from './storm-outbox';
import { summariseStorm } from './storm-rule';
import { findStorm, recordStormTheme, stormEscalationIds, stormEscalations } from './storms-repository';

export type TStormThemeOutcome = { outcome: TLinkOutcome; count: number } | { alreadyThemeId: number };

/** "Create theme" on a storm: every escalation of the storm linked to one new theme, named after what they share. */
export async function createStormTheme(
  deps: TDomainDeps,
  options: { stormId: number; actorId: string },
): Promise<TStormThemeOutcome> {
  const storm = await findStorm(deps.db.prisma, options.stormId);
  if (!storm) throw new AppError(ErrorCode.NotFound, { userMessage: 'That storm no longer exists.' });
  if (storm.themeId) return { alreadyThemeId: storm.themeId };
  const ids = await stormEscalationIds(deps.db.prisma, storm.id);
  const summary = summariseStorm(await stormEscalations(deps.db.prisma, storm.id));
  const about = summary.tags[0] ? `#${summary.tags[0].tag}` : summary.words.slice(0, 3).join(' ') || 'an outage';
  const title = `Storm of ${summary.firstFlagAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${about}`;
  const via = 'button' as const;
  // Linking is capped per call; a storm may be larger, so the rest follow in batches into the same theme.
  const first = await createTheme(deps, { title, escalationIds: ids.slice(0, MAX_LINKS_PER_COMMAND), ...options, via });
  let outcome = first;
  for (let start = MAX_LINKS_PER_COMMAND; start < ids.length; start += MAX_LINKS_PER_COMMAND) {
    const escalationIds = ids.slice(start, start + MAX_LINKS_PER_COMMAND);
    outcome = await linkToTheme(deps, { themeId: first.theme.id, escalationIds, actorId: options.actorId, via });
  }
  await recordStormTheme(deps.db.prisma, storm.id, first.theme.id);
  const queued = await queueStormThemed(deps.db.sql, storm.id, first.theme.id, deps.clock.now());
  await deps.outbox.deliver(queued);
  return { outcome: { ...outcome, created: true, linked: ids }, count: ids.length };
}
