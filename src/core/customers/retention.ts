import { statusAfter } from './customer-lifecycle';

/** One lifecycle event as retention needs it; `id` orders events that share an `at`. */
export interface TRetentionEvent {
  id: number;
  customerId: number;
  event: string;
  at: Date;
  arr: number | null;
}

export interface TRetentionPeriod {
  start: Date;
  end: Date;
  label: string;
}

export interface TRevenueRetention {
  /** ARR at the start of the customers active then whose ARR was known. */
  startArr: number;
  /** Their ARR at the end (0 for those that churned): expansion counts, so this is net revenue retention. */
  endArr: number;
  rate: number;
  customersWithArr: number;
}

export interface TRetention {
  period: TRetentionPeriod;
  activeAtStart: number;
  activeAtEnd: number;
  /** Became active during the period and still active at its end (the formula's "became active during it"). */
  becameActive: number;
  /** (activeAtEnd − becameActive) / activeAtStart × 100; null when nobody was active at the start. */
  rate: number | null;
  /** Active at the start, not at the end: the customers the rate lost. */
  lost: number[];
  /** Became active and churned again inside the period: in neither count, named separately. */
  joinedAndLeft: number[];
  /** When each lost or joined-and-left customer left (its last churn in the period). */
  churnedAt: Map<number, Date>;
  /** Null when no customer active at the start has a known ARR. */
  revenue: TRevenueRetention | null;
}

interface TTrack {
  activeAtStart: boolean;
  arrAtStart: number | null;
  active: boolean;
  arr: number | null;
  activatedDuring: boolean;
  lastChurnAt: Date | null;
}

/**
 * Customer retention for a period [start, end), replayed from lifecycle events: a customer is active at an instant
 * when its latest event before then is `active` or `renewed`.
 *
 * The formula is (active at end − became active during) / active at start × 100. "Became active during" counts the
 * customers that were not active at the start, became active, and are still active at the end: a customer that
 * joined and left inside the period is in neither the end count nor the new count (subtracting it would take away
 * a customer the end count never had). So the rate is the share of the starting customers still active at the end.
 */
export function retentionFor(events: readonly TRetentionEvent[], period: TRetentionPeriod): TRetention {
  const sorted = events
    .filter((event) => event.at < period.end)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  const tracks = new Map<number, TTrack>();
  for (const event of sorted) {
    let track = tracks.get(event.customerId);
    if (!track) {
      track = {
        activeAtStart: false,
        arrAtStart: null,
        active: false,
        arr: null,
        activatedDuring: false,
        lastChurnAt: null,
      };
      tracks.set(event.customerId, track);
    }
    const during = event.at >= period.start;
    const wasActive = track.active;
    track.active = statusAfter(event.event) === 'active';
    if (event.arr !== null) track.arr = event.arr;
    if (!during) {
      track.activeAtStart = track.active;
      track.arrAtStart = track.arr;
    } else if (track.active && !wasActive) {
      track.activatedDuring = true;
    } else if (!track.active && wasActive) {
      track.lastChurnAt = event.at;
    }
  }

  let activeAtStart = 0;
  let activeAtEnd = 0;
  let becameActive = 0;
  let startArr = 0;
  let endArr = 0;
  let customersWithArr = 0;
  const lost: number[] = [];
  const joinedAndLeft: number[] = [];
  const churnedAt = new Map<number, Date>();
  for (const [customerId, track] of tracks) {
    if (track.active) activeAtEnd++;
    if (track.activeAtStart) {
      activeAtStart++;
      if (!track.active) lost.push(customerId);
      if (track.arrAtStart !== null) {
        customersWithArr++;
        startArr += track.arrAtStart;
        endArr += track.active ? (track.arr ?? 0) : 0;
      }
    } else if (track.active) {
      becameActive++;
    } else if (track.activatedDuring) {
      joinedAndLeft.push(customerId);
    }
    if (!track.active && track.lastChurnAt && (track.activeAtStart || track.activatedDuring))
      churnedAt.set(customerId, track.lastChurnAt);
  }
  return {
    period,
    activeAtStart,
    activeAtEnd,
    becameActive,
    rate: activeAtStart === 0 ? null : ((activeAtEnd - becameActive) / activeAtStart) * 100,
    lost,
    joinedAndLeft,
    churnedAt,
    revenue:
      customersWithArr > 0 && startArr > 0
        ? { startArr, endArr, rate: (endArr / startArr) * 100, customersWithArr }
        : null,
  };
}

export interface TWarningSigns {
  churned: number;
  withEscalation: number;
  withDetractor: number;
  withBoth: number;
  withNeither: number;
}

/** How far back before a churn an escalation or a detractor score counts as a warning sign. */
export const WARNING_WINDOW_DAYS = 90;

/**
 * For the customers that left, how many showed a sign advocacy could have acted on: an escalation open when they
 * left or flagged in the 90 days before, or a detractor score in those 90 days.
 */
export function warningSigns(
  churns: ReadonlyMap<number, Date>,
  escalations: readonly { customerId: number; createdAt: Date; resolvedAt: Date | null }[],
  detractors: readonly { customerId: number; respondedAt: Date }[],
): TWarningSigns {
  const windowMs = WARNING_WINDOW_DAYS * 86_400_000;
  const hadEscalation = new Set<number>();
  for (const escalation of escalations) {
    const leftAt = churns.get(escalation.customerId);
    if (!leftAt || escalation.createdAt > leftAt) continue;
    const openAtChurn = escalation.resolvedAt === null || escalation.resolvedAt > leftAt;
    if (openAtChurn || escalation.createdAt.getTime() >= leftAt.getTime() - windowMs)
      hadEscalation.add(escalation.customerId);
  }
  const hadDetractor = new Set<number>();
  for (const response of detractors) {
    const leftAt = churns.get(response.customerId);
    if (!leftAt || response.respondedAt > leftAt) continue;
    if (response.respondedAt.getTime() >= leftAt.getTime() - windowMs) hadDetractor.add(response.customerId);
  }
  const ids = [...churns.keys()];
  return {
    churned: ids.length,
    withEscalation: hadEscalation.size,
    withDetractor: hadDetractor.size,
    withBoth: ids.filter((id) => hadEscalation.has(id) && hadDetractor.has(id)).length,
    withNeither: ids.filter((id) => !hadEscalation.has(id) && !hadDetractor.has(id)).length,
  };
}
