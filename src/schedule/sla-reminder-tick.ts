import { randomUUID } from 'node:crypto';
import { sendDueReminders, type TReminder } from '../core/escalations/sla-reminders';
import { withJobLease } from '../core/shared/job-leases-repository';
import { slaReminderLine } from '../slack/escalations/escalation-events';
import type { TSlackServices } from '../slack/kit/slack-services';

const LEASE_TTL_MS = 5 * 60_000;

/**
 * One reminder tick, under a lease so that replicas do not race (the stored count would stop a duplicate anyway).
 * Null when another replica is ticking. With DRY_RUN the due reminders are logged, not recorded or sent.
 */
export async function tickReminders(services: TSlackServices, now: Date): Promise<TReminder[] | null> {
  const dryRun = services.config.dryRun;
  return withJobLease(
    services.deps.db.prisma,
    { name: 'sla-reminders', holder: randomUUID(), now, ttlMs: LEASE_TTL_MS },
    async () => {
      const reminders = await sendDueReminders(services.deps, {
        now,
        slaHours: services.config.slaHours,
        mention: services.advocates.mention(),
        dryRun,
      });
      if (dryRun)
        for (const reminder of reminders)
          services.logger.info(`dry run: reminder ${slaReminderLine(reminder.escalationId, reminder.reminder).text}`);
      return reminders;
    },
  );
}
