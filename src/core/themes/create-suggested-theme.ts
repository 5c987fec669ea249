import type { TDomainDeps } from '../shared/deps';
import type { TVia } from '../shared/timeline-repository';
import { createTheme, type TLinkOutcome } from './link-escalations';
import { suggestedThemeTitle } from './theme-suggestions';
import { distinctCustomers } from './theme-summary';
import { findEscalationsWithCustomers } from './themes-repository';

export interface TCreateSuggestedThemeOptions {
  tag: string;
  escalationIds: number[];
  actorId: string;
  via: TVia;
}

/**
 * The digest's "Create theme": a theme titled after the tag and the customers it covers, with the proposed
 * escalations that no theme has taken since. It never moves an escalation out of another theme, so a second press
 * (or a theme someone opened by hand meanwhile) opens nothing and says where they are.
 */
export async function createSuggestedTheme(
  deps: TDomainDeps,
  options: TCreateSuggestedThemeOptions,
): Promise<TLinkOutcome> {
  const rows = await findEscalationsWithCustomers(deps.db.prisma, options.escalationIds);
  const free = rows.filter((row) => row.themeId === null);
  const customers = distinctCustomers(free.length ? free : rows).length;
  return createTheme(deps, {
    title: suggestedThemeTitle(options.tag, customers),
    escalationIds: options.escalationIds,
    actorId: options.actorId,
    via: options.via,
    keepThemed: true,
  });
}
