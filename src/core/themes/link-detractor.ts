import { themeRef } from '../escalations/escalation-vocabulary';
import type { TEscalation } from '../escalations/escalations-repository';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { openEscalationForResponse, type TOpenEscalationOutcome } from '../surveys/open-escalation-for-response';
import { linkToTheme, type TLinkOutcome } from './link-escalations';
import { findTheme } from './themes-repository';

export interface TLinkDetractorOptions {
  themeId: number;
  responseId: number;
  actorId: string;
  /** Where the button was pressed: the source channel of an escalation opened from the response. */
  channelId: string;
}

export interface TLinkDetractorOutcome {
  escalation: TEscalation;
  /** How the response reached an escalation: a new one, the customer's open one, or the one it already had. */
  opened: TOpenEscalationOutcome['kind'];
  link: TLinkOutcome;
}

/**
 * An advocate's decision that a detractor offered under an open theme belongs to it: the customer's open escalation
 * (or one opened from the response, as the digest's "Open escalation" does) is linked to the theme. Pressing again
 * finds everything done and says so.
 */
export async function linkDetractorToTheme(
  deps: TDomainDeps,
  options: TLinkDetractorOptions,
): Promise<TLinkDetractorOutcome> {
  const theme = await findTheme(deps.db.prisma, options.themeId);
  if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(options.themeId)}.` });
  if (theme.status !== 'open')
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `${themeRef(theme.id)} is resolved; nothing was linked. Flag the customer's problem again if it is back.`,
    });
  const opened = await openEscalationForResponse(deps, {
    responseId: options.responseId,
    actorId: options.actorId,
    channelId: options.channelId,
  });
  const link = await linkToTheme(deps, {
    themeId: theme.id,
    escalationIds: [opened.escalation.id],
    actorId: options.actorId,
    via: 'button',
  });
  return { escalation: opened.escalation, opened: opened.kind, link };
}
