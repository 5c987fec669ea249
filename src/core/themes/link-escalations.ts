import { escalationRef, themeRef } from '../escalations/escalation-vocabulary';
import { AppError, ErrorCode } from '../shared/app-error';
import type { TDomainDeps } from '../shared/deps';
import { outboxKey } from '../shared/outbox/outbox-keys';
import type { TOutboxItem } from '../shared/outbox/outbox-messages';
import { addTimelineEntry, type TVia } from '../shared/timeline-repository';
import { RaceLost, runUnitOfWork, type TPrismaUnitOfWork } from '../shared/unit-of-work';
import { listWords as list } from './theme-words';
import {
  findEscalationsForLinking,
  findTheme,
  insertTheme,
  lockOpenTheme,
  setEscalationTheme,
  type TTheme,
  touchTheme,
} from './themes-repository';

/** One command links at most this many; more is almost certainly a paste gone wrong. */
export const MAX_LINKS_PER_COMMAND = 100;
export const THEME_TITLE_MAX_LENGTH = 150;

export interface TCreateThemeOptions {
  title: string;
  escalationIds: number[];
  actorId: string;
  via: TVia;
  /** Escalations already in another theme stay there instead of moving (a suggestion never takes them away). */
  keepThemed?: boolean;
}

export interface TLinkToThemeOptions {
  themeId: number;
  escalationIds: number[];
  actorId: string;
  via: TVia;
}

export interface TLinkOutcome {
  theme: TTheme;
  created: boolean;
  /** Newly in the theme, including the moved ones. */
  linked: number[];
  moved: { escalationId: number; fromThemeId: number }[];
  /** Named but already in this theme: nothing to do for them. */
  alreadyLinked: number[];
  /** Named but left in the theme they were in (`keepThemed`). */
  keptElsewhere: { escalationId: number; themeId: number }[];
}

/** A concurrent link changed an escalation after we read it: roll everything back and decide again. */

/** Opens a theme `THM-n` owned by its creator and links the escalations named, all or nothing. */
export async function createTheme(deps: TDomainDeps, options: TCreateThemeOptions): Promise<TLinkOutcome> {
  const title = options.title.trim().replace(/\s+/g, ' ');
  if (!title) throw new AppError(ErrorCode.InvalidInput, { userMessage: 'The theme needs a title.' });
  if (title.length > THEME_TITLE_MAX_LENGTH)
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `The theme title is over ${THEME_TITLE_MAX_LENGTH} characters.`,
    });
  return runLink(deps, options.escalationIds, (uow) => link(uow, { ...options, title, themeId: null }));
}

/** Links more escalations to an open theme, moving them out of any other theme; all or nothing. */
export async function linkToTheme(deps: TDomainDeps, options: TLinkToThemeOptions): Promise<TLinkOutcome> {
  return runLink(deps, options.escalationIds, (uow) => link(uow, { ...options, title: null }));
}

async function runLink(
  deps: TDomainDeps,
  escalationIds: number[],
  work: (uow: TPrismaUnitOfWork) => Promise<{ outcome: TLinkOutcome; items: TOutboxItem[] }>,
): Promise<TLinkOutcome> {
  if (escalationIds.length === 0)
    throw new AppError(ErrorCode.InvalidInput, { userMessage: 'Name at least one escalation (ADV-n).' });
  if (escalationIds.length > MAX_LINKS_PER_COMMAND)
    throw new AppError(ErrorCode.InvalidInput, {
      userMessage: `Link at most ${MAX_LINKS_PER_COMMAND} escalations at a time; nothing was linked.`,
    });
  return runUnitOfWork(
    deps,
    { conflict: 'Those escalations are being linked by someone else right now; nothing was linked. Try again.' },
    async (uow) => {
      const { outcome, items } = await work(uow);
      uow.queue(items);
      return outcome;
    },
  );
}

async function link(
  { tx, q, now }: TPrismaUnitOfWork,
  options: {
    themeId: number | null;
    title: string | null;
    escalationIds: number[];
    actorId: string;
    via: TVia;
    keepThemed?: boolean;
  },
): Promise<{ outcome: TLinkOutcome; items: TOutboxItem[] }> {
  const ids = [...new Set(options.escalationIds)];
  // Everything is checked before anything is linked, and a refusal rolls the whole transaction back (the lock's
  // touch included), so a bad ID never leaves a half-linked theme.
  const locked = options.themeId !== null && (await lockOpenTheme(tx, options.themeId, now));
  const found = await findEscalationsForLinking(tx, ids);
  const existing = options.themeId === null ? null : await findTheme(tx, options.themeId);
  const unknown = [
    ...(options.themeId !== null && !existing ? [themeRef(options.themeId)] : []),
    ...ids.filter((id) => !found.some((row) => row.id === id)).map(escalationRef),
  ];
  if (unknown.length > 0)
    throw new AppError(ErrorCode.NotFound, {
      userMessage: `There is no ${list(unknown)}; nothing was linked.`,
    });
  if (existing && !locked)
    throw new AppError(ErrorCode.IllegalTransition, {
      userMessage: `${themeRef(existing.id)} is resolved; nothing was linked. Open a new theme for these: \`/advocate theme <title> ${ids.map(escalationRef).join(' ')}\`.`,
    });

  const targetId = existing?.id ?? null;
  const alreadyLinked = found.filter((row) => targetId !== null && row.themeId === targetId).map((row) => row.id);
  const keptElsewhere = options.keepThemed
    ? found
        .filter((row) => row.themeId !== null && row.themeId !== targetId)
        .map((row) => ({ escalationId: row.id, themeId: row.themeId! }))
    : [];
  const toLink = found.filter(
    (row) => !alreadyLinked.includes(row.id) && !keptElsewhere.some((kept) => kept.escalationId === row.id),
  );
  if (toLink.length === 0 && existing) {
    return {
      outcome: { theme: existing, created: false, linked: [], moved: [], alreadyLinked, keptElsewhere },
      items: [],
    };
  }
  if (toLink.length === 0)
    throw new AppError(ErrorCode.Conflict, {
      userMessage: `Every escalation named is already in a theme (${list([...new Set(keptElsewhere.map((kept) => themeRef(kept.themeId)))])}); no theme was opened.`,
    });

  const theme =
    existing ??
    (await insertTheme(tx, {
      title: options.title!,
      ownerId: options.actorId,
      createdById: options.actorId,
      createdAt: now,
    }));
  const ref = themeRef(theme.id);
  const linkedRefs = toLink.map((row) => escalationRef(row.id));
  const entry = await addTimelineEntry(q, {
    themeId: theme.id,
    actorId: options.actorId,
    action: existing ? 'linked' : 'created',
    toValue: existing ? linkedRefs.join(', ') : theme.title,
    via: options.via,
    detail: existing ? undefined : `with ${linkedRefs.join(', ')}`,
    at: now,
  });
  const items: TOutboxItem[] = existing
    ? [
        {
          dedupeKey: outboxKey.themeLinked(theme.id, entry.id, 'card'),
          message: { kind: 'theme.card.update', themeId: theme.id },
        },
      ]
    : [{ dedupeKey: outboxKey.themeCard(theme.id), message: { kind: 'theme.card.post', themeId: theme.id } }];
  const moved: TLinkOutcome['moved'] = [];
  for (const row of toLink) {
    if (!(await setEscalationTheme(tx, row.id, row.themeId, theme.id, now))) throw new RaceLost();
    const from = row.themeId;
    await addTimelineEntry(q, {
      escalationId: row.id,
      themeId: theme.id,
      actorId: options.actorId,
      action: from === null ? 'theme linked' : 'theme moved',
      fromValue: from === null ? null : themeRef(from),
      toValue: ref,
      via: options.via,
      at: now,
    });
    items.push(
      {
        dedupeKey: outboxKey.themeLinked(theme.id, entry.id, `card:${row.id}`),
        message: { kind: 'card.update', escalationId: row.id },
      },
      {
        dedupeKey: outboxKey.themeLinked(theme.id, entry.id, `thread:${row.id}`),
        message: {
          kind: 'escalation.note',
          escalationId: row.id,
          note: {
            type: 'theme_linked',
            theme: { id: theme.id, title: theme.title },
            actorId: options.actorId,
            fromThemeId: from,
          },
        },
      },
    );
    if (from !== null) {
      moved.push({ escalationId: row.id, fromThemeId: from });
      await addTimelineEntry(q, {
        themeId: from,
        actorId: options.actorId,
        action: 'unlinked',
        fromValue: escalationRef(row.id),
        toValue: ref,
        via: options.via,
        detail: `moved to ${ref}`,
        at: now,
      });
    }
  }
  for (const from of [...new Set(moved.map((move) => move.fromThemeId))]) {
    const escalationIds = moved.filter((move) => move.fromThemeId === from).map((move) => move.escalationId);
    await touchTheme(tx, from, now);
    items.push(
      {
        dedupeKey: outboxKey.themeLinked(theme.id, entry.id, `from:${from}:card`),
        message: { kind: 'theme.card.update', themeId: from },
      },
      {
        dedupeKey: outboxKey.themeLinked(theme.id, entry.id, `from:${from}:thread`),
        message: {
          kind: 'theme.event',
          themeId: from,
          event: {
            type: 'escalations_moved_away',
            actorId: options.actorId,
            escalationIds,
            to: { id: theme.id, title: theme.title },
          },
        },
      },
    );
  }
  if (existing) {
    items.push({
      dedupeKey: outboxKey.themeLinked(theme.id, entry.id, 'thread'),
      message: {
        kind: 'theme.event',
        themeId: theme.id,
        event: {
          type: 'escalations_linked',
          actorId: options.actorId,
          escalationIds: toLink.map((row) => row.id),
          movedFromThemeIds: moved.map((move) => move.fromThemeId),
        },
      },
    });
  }
  const outcome: TLinkOutcome = {
    theme: (await findTheme(tx, theme.id))!,
    created: !existing,
    linked: toLink.map((row) => row.id),
    moved,
    alreadyLinked,
    keptElsewhere,
  };
  return { outcome, items };
}
