/**
 * The schedules' entry points. Which digests and sections exist is listed in src/app/composition.ts, not here:
 * importing this module registers nothing.
 */
export {
  digestKind,
  type TDigestContext,
  type TDigestKind,
  type TDigestOutput,
} from './digest-kinds';
export type { TOpenDigestSection } from './open-digest-sections';
export { runDueDigests } from './run-due-digests';
export { startScheduler, type TScheduler } from './scheduler';
export { sendDigest, type TDigestRun } from './send-digest';
export { tickReminders } from './sla-reminders';
