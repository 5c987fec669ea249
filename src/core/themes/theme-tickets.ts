import { themeRef } from '../escalations/escalation-vocabulary';
import { endWaitingOfTheme } from '../escalations/escalation-waiting';
import type { TSlaPolicy } from '../escalations/sla-policy';
import { AppError, ErrorCode, isAppError } from '../shared/app-error';
import type { TTransaction } from '../shared/db/client';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { forgetEvent, markEventSeen } from '../shared/seen-events-repository';
import { mrkdwn } from '../shared/text/mrkdwn';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { runUnitOfWork, type TPrismaUnitOfWork } from '../shared/unit-of-work';
import { summarizeTheme } from './theme-summary';
import {
  deleteThemeTicket,
  findThemeTicket,
  insertThemeTicket,
  setTicketState,
  setTicketTitle,
  type TThemeTicket,
  ticketsWithKey,
} from './theme-tickets-repository';
import {
  clearThemeTicketsClosed,
  findTheme,
  lockOpenTheme,
  markThemeTicketsClosed,
  type TTheme,
  touchTheme,
} from './themes-repository';
import { isBareIssueKey, parseTicketUrl, type TTicketRef, type TTicketState, type TTracker } from './ticket-refs';

/** One command or modal links at most this many tickets. */
export const MAX_TICKETS_PER_LINK = 10;
/** A theme waits on at most this many tickets (the card lists them all). */
export const MAX_TICKETS_PER_THEME = 20;
/** A tracker's delivery id is remembered this long (GitHub and Jira retry within hours; redeliveries by hand later). */
const DELIVERY_MEMORY_MS = 7 * 24 * 3600_000;

export const ticketLabel = (ticket: Pick<TThemeTicket, 'tracker' | 'key' | 'url'>) =>
  ticket.tracker === 'jira'
    ? ticket.key.slice(ticket.key.indexOf('/') + 1)
    : ticket.tracker === 'generic'
      ? ticket.url
      : ticket.key;

function refOrFail(url: string): TTicketRef {
  const ref = parseTicketUrl(url);
  if ('problem' in ref) throw new AppError(ErrorCode.InvalidInput, { userMessage: mrkdwn`${ref.problem}`.text });
  return ref;
}

export interface TLinkTicketsOutcome {
  theme: TTheme;
  linked: TTicketRef[];
  alreadyLinked: TTicketRef[];
}

/** Attaches tickets to an open theme (all or nothing), with a timeline entry and a line in the card's thread. */
export async function linkTickets(
  deps: TDomainDeps,
  options: { themeId: number; urls: string[]; actorId: string; via: TVia },
): Promise<TLinkTicketsOutcome> {
  if (options.urls.length === 0)
    throw new AppError(ErrorCode.InvalidInput, { userMessage: 'Paste the ticket’s URL after `link`.' });
  if (options.urls.length > MAX_TICKETS_PER_LINK)
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `Link at most ${MAX_TICKETS_PER_LINK} tickets at a time; nothing was linked.`,
    });
  const refs = options.urls.map(refOrFail).filter((ref, i, all) => all.findIndex((r) => r.key === ref.key) === i);
  return runUnitOfWork(deps, {}, async ({ tx, q, now, queue }) => {
    const theme = await openThemeOrFail(tx, options.themeId, now, 'nothing was linked');
    const linked: TTicketRef[] = [];
    const alreadyLinked: TTicketRef[] = [];
    for (const ref of refs) {
      if (await findThemeTicket(tx, theme.id, ref.key)) alreadyLinked.push(ref);
      else linked.push(ref);
    }
    if ((theme.tickets?.length ?? 0) + linked.length > MAX_TICKETS_PER_THEME)
      throw new AppError(ErrorCode.InvalidInput, {
        userMessage: `A theme waits on at most ${MAX_TICKETS_PER_THEME} tickets; nothing was linked.`,
      });
    const items: TOutboxItem[] = [];
    for (const ref of linked) {
      const ticket = await insertThemeTicket(tx, {
        themeId: theme.id,
        tracker: ref.tracker,
        key: ref.key,
        url: ref.url,
        linkedById: options.actorId,
        linkedAt: now,
      });
      const entry = await addTimelineEntry(q, {
        themeId: theme.id,
        actorId: options.actorId,
        action: 'ticket linked',
        toValue: ref.key,
        via: options.via,
        detail: ref.url,
        at: now,
      });
      items.push({
        dedupeKey: outboxKey.ticketLinked(theme.id, ticket.id, entry.id),
        message: {
          kind: 'theme.event',
          themeId: theme.id,
          event: { type: 'ticket_linked', actorId: options.actorId, ticket: { url: ref.url, label: ref.label } },
        },
      });
    }
    if (linked.length > 0) {
      // A new ticket is open: an "all closed" episode, if one was running, is over (not a reopened fix).
      await clearThemeTicketsClosed(tx, theme.id, now, false);
      items.push({
        dedupeKey: outboxKey.ticketsLinkedCard(
          theme.id,
          now,
          linked.map((ref) => ref.key),
        ),
        message: { kind: 'theme.card.update', themeId: theme.id },
      });
    }
    queue(items);
    return { theme: (await findTheme(tx, theme.id))!, linked, alreadyLinked };
  });
}

/** Detaches a ticket from a theme; when the ones left are all closed, that is an "all closed" episode too. */
export async function unlinkTicket(
  deps: TDomainDeps,
  options: { themeId: number; url: string; actorId: string; via: TVia },
): Promise<{ theme: TTheme; ref: TTicketRef; removed: boolean }> {
  const ref = refOrFail(options.url);
  return runUnitOfWork(deps, {}, async ({ tx, q, now, queue }) => {
    const theme = await findTheme(tx, options.themeId);
    if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(options.themeId)}.` });
    await touchTheme(tx, theme.id, now);
    const ticket = await findThemeTicket(tx, theme.id, ref.key);
    if (!ticket || !(await deleteThemeTicket(tx, ticket.id))) return { theme, ref, removed: false };
    const entry = await addTimelineEntry(q, {
      themeId: theme.id,
      actorId: options.actorId,
      action: 'ticket unlinked',
      fromValue: ref.key,
      via: options.via,
      detail: ref.url,
      at: now,
    });
    const items: TOutboxItem[] = [
      {
        dedupeKey: outboxKey.ticketUnlinked(theme.id, ticket.id, entry.id, 'thread'),
        message: {
          kind: 'theme.event',
          themeId: theme.id,
          event: { type: 'ticket_unlinked', actorId: options.actorId, ticket: { url: ticket.url, label: ref.label } },
        },
      },
      {
        dedupeKey: outboxKey.ticketUnlinked(theme.id, ticket.id, entry.id, 'card'),
        message: { kind: 'theme.card.update', themeId: theme.id },
      },
      ...(await evaluateAllClosed({ tx, q }, theme.id, now, null, deps.slaPolicy)),
    ];
    queue(items);
    return { theme: (await findTheme(tx, theme.id))!, ref, removed: true };
  });
}

async function openThemeOrFail(tx: TTransaction, themeId: number, now: Date, nothing: string): Promise<TTheme> {
  const locked = await lockOpenTheme(tx, themeId, now);
  const theme = await findTheme(tx, themeId);
  if (!theme) throw new AppError(ErrorCode.NotFound, { userMessage: `There is no ${themeRef(themeId)}; ${nothing}.` });
  if (!locked)
    throw new AppError(ErrorCode.IllegalTransition, {
      userMessage: `${themeRef(themeId)} is resolved; ${nothing}.`,
    });
  return theme;
}

/**
 * After a ticket change: an open theme whose tickets are now all closed starts an episode and asks, once, in its
 * card's thread whether to resolve and tell the customers; one whose episode was running and now has an open
 * ticket ends it (`reopened`: a fix reopened, which the card shows until all are closed again).
 */
async function evaluateAllClosed(
  { tx, q }: Pick<TPrismaUnitOfWork, 'tx' | 'q'>,
  themeId: number,
  now: Date,
  reopened: { ticket: TThemeTicket; source: string } | null,
  slaPolicy?: TSlaPolicy,
): Promise<TOutboxItem[]> {
  const theme = await findTheme(tx, themeId);
  if (theme?.status !== 'open') return [];
  const tickets = theme.tickets ?? [];
  const allClosed = tickets.length > 0 && tickets.every((ticket) => ticket.state === 'closed');
  if (allClosed && !theme.ticketsClosedAt) {
    const episode = theme.ticketEpisode + 1;
    if (!(await markThemeTicketsClosed(tx, theme.id, now, episode))) return [];
    await addTimelineEntry(q, {
      themeId: theme.id,
      actorId: 'advocate',
      action: 'tickets closed',
      toValue: `${tickets.length}`,
      via: 'system',
      detail: tickets.map((ticket) => ticket.key).join(', '),
      at: now,
    });
    const summary = summarizeTheme(theme);
    const agents = new Set(theme.escalations.map((escalation) => escalation.reporterId)).size;
    const customers = summary.customers.length;
    const resumed = await endWaitingOfTheme(q, theme.escalations, theme.id, slaPolicy, now);
    return [
      ...resumed,
      {
        dedupeKey: outboxKey.ticketsClosed(theme.id, episode, 'prompt'),
        message: {
          kind: 'theme.event',
          themeId: theme.id,
          event: { type: 'tickets_closed', theme: { id: theme.id, title: theme.title }, customers, agents },
        },
      },
      {
        dedupeKey: outboxKey.ticketsClosed(theme.id, episode, 'card'),
        message: { kind: 'theme.card.update', themeId },
      },
    ];
  }
  if (!allClosed && theme.ticketsClosedAt) {
    const isReopen = reopened !== null;
    await clearThemeTicketsClosed(tx, theme.id, now, isReopen);
    const episode = theme.ticketEpisode;
    const items: TOutboxItem[] = [
      {
        dedupeKey: outboxKey.ticketsClosed(theme.id, episode, 'ended:card'),
        message: { kind: 'theme.card.update', themeId },
      },
    ];
    if (reopened) {
      await addTimelineEntry(q, {
        themeId: theme.id,
        actorId: reopened.source,
        action: 'fix reopened',
        toValue: reopened.ticket.key,
        via: 'webhook',
        at: now,
      });
      items.push({
        dedupeKey: outboxKey.ticketsClosed(theme.id, episode, 'reopened'),
        message: {
          kind: 'theme.event',
          themeId,
          event: {
            type: 'fix_reopened',
            ticket: { url: reopened.ticket.url, label: ticketLabel(reopened.ticket) },
            state: reopened.ticket.state,
          },
        },
      });
    }
    return items;
  }
  return [];
}

/** Who reported a state: a tracker's webhook, or the sandbox page playing the tracker. */
export type TTicketSource = 'github' | 'jira' | 'generic' | 'sandbox';

export interface TTicketUpdate {
  source: TTicketSource;
  /** Which ticket: a URL (any tracker) or, for the generic webhook, a key. */
  url?: string;
  key?: string;
  state: TTicketState;
  title?: string | null;
  at: Date;
  /** The tracker's delivery id (GitHub's X-GitHub-Delivery, Jira's X-Atlassian-Webhook-Identifier). */
  deliveryId?: string;
}

export interface TTicketUpdateOutcome {
  /** How many themes the ticket is linked to (0: unknown ticket, accepted and ignored). */
  matched: number;
  /** How many of those links changed. */
  applied: number;
  /** The delivery was seen before, or said nothing newer than what is stored. */
  duplicate: boolean;
}

/**
 * A tracker says a ticket's state. Each theme it is linked to records it (once: a repeated delivery or an older
 * one arriving late changes nothing), its card shows it, its thread hears of a change, and the "all closed"
 * episode is started or ended. All in one transaction with its outbox messages, so a Slack failure loses nothing.
 */
export async function applyTicketUpdate(deps: TDomainDeps, update: TTicketUpdate): Promise<TTicketUpdateOutcome> {
  const now = deps.clock.now();
  const lookup = ticketLookup(update);
  if (!lookup) return { matched: 0, applied: 0, duplicate: false };
  const deliveryKey = update.deliveryId ? `${update.source}:${update.deliveryId}` : null;
  if (deliveryKey && !(await markEventSeen(deps.db.sql, `ticket:${deliveryKey}`, now, DELIVERY_MEMORY_MS)))
    return { matched: 0, applied: 0, duplicate: true };
  try {
    return await runUnitOfWork(deps, {}, async ({ tx, q, now, queue }) => {
      const links = await ticketsWithKey(tx, lookup.key, lookup.bareKey);
      let applied = 0;
      const items: TOutboxItem[] = [];
      for (const link of links) {
        await touchTheme(tx, link.themeId, now); // one writer per theme at a time: the "all closed" check is exact
        const ticket = await findThemeTicket(tx, link.themeId, link.key);
        if (!ticket) continue;
        if (ticket.stateChangedAt && update.at.getTime() <= ticket.stateChangedAt.getTime()) continue;
        const title = update.title?.trim().slice(0, 300) || null;
        const key = (part: Parameters<typeof outboxKey.ticketUpdate>[3]) =>
          outboxKey.ticketUpdate(ticket.themeId, ticket.id, update, part);
        if (ticket.state === update.state) {
          // Nothing changed but maybe the title (the first word from the tracker names the ticket on the card).
          if (title && title !== ticket.title) {
            await setTicketTitle(tx, ticket.id, title);
            items.push({
              dedupeKey: key('title:card'),
              message: { kind: 'theme.card.update', themeId: ticket.themeId },
            });
          }
          continue;
        }
        if (!(await setTicketState(tx, ticket, { state: update.state, at: update.at, title }))) continue;
        applied += 1;
        const current: TThemeTicket = {
          ...ticket,
          state: update.state,
          stateChangedAt: update.at,
          title: title ?? ticket.title,
        };
        items.push({ dedupeKey: key('card'), message: { kind: 'theme.card.update', themeId: ticket.themeId } });
        await addTimelineEntry(q, {
          themeId: ticket.themeId,
          actorId: update.source,
          action: 'ticket state',
          fromValue: ticket.state,
          toValue: update.state,
          via: 'webhook',
          detail: ticket.key,
          at: now,
        });
        const theme = await findTheme(tx, ticket.themeId);
        const reopen = ticket.state === 'closed' && update.state !== 'closed';
        const named = { url: ticket.url, label: ticketLabel(ticket) };
        if (theme?.status === 'resolved') {
          if (reopen)
            items.push({
              dedupeKey: key('resolved-reopen'),
              message: {
                kind: 'theme.event',
                themeId: ticket.themeId,
                event: { type: 'reopened_after_resolve', ticket: named, source: update.source },
              },
            });
          continue;
        }
        const episodeItems = await evaluateAllClosed(
          { tx, q },
          ticket.themeId,
          now,
          reopen ? { ticket: current, source: update.source } : null,
          deps.slaPolicy,
        );
        // The prompt and the "fix reopened" line say it all; other changes get a line of their own.
        if (episodeItems.some((item) => item.message.kind === 'theme.event')) {
          items.push(...episodeItems);
          continue;
        }
        items.push(...episodeItems, {
          dedupeKey: key('thread'),
          message: {
            kind: 'theme.event',
            themeId: ticket.themeId,
            event: { type: 'ticket_state', ticket: named, state: update.state, source: update.source },
          },
        });
      }
      queue(items);
      return { matched: links.length, applied, duplicate: links.length > 0 && applied === 0 };
    });
  } catch (error) {
    if (deliveryKey && !isAppError(error)) await forgetEvent(deps.db.prisma, `ticket:${deliveryKey}`).catch(() => {});
    throw error;
  }
}

function ticketLookup(update: TTicketUpdate): { key: string; bareKey: boolean } | null {
  if (update.url) {
    const ref = parseTicketUrl(update.url);
    return 'problem' in ref ? null : { key: ref.key, bareKey: false };
  }
  if (!update.key) return null;
  const key = update.key.trim();
  if (isBareIssueKey(key)) return { key: key.toUpperCase(), bareKey: true };
  const github = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(key);
  if (github)
    return { key: `${github[1]!.toLowerCase()}/${github[2]!.toLowerCase()}#${Number(github[3])}`, bareKey: false };
  return { key, bareKey: false };
}

/** The note the resolution modal starts with when every linked ticket is closed: what engineering shipped. */
export function ticketsResolutionNote(tickets: Pick<TThemeTicket, 'tracker' | 'key' | 'url' | 'title'>[]): string {
  const lines = tickets.map(
    (ticket) => `• ${ticket.title ? `${ticket.title} (${ticketLabel(ticket)})` : ticketLabel(ticket)}`,
  );
  return `Engineering shipped the fix:\n${lines.join('\n')}`;
}

export type { TTracker };
