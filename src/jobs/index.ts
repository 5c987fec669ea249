/**
 * The digest registry: importing this module registers every digest kind. Each capability adds one import line.
 */
import './open-digest';
import './nps-digest';
import './customer-sections';
import './theme-sections';

export {
  digestKind,
  digestKinds,
  registerDigestKind,
  type TDigestContext,
  type TDigestKind,
  type TDigestOutput,
} from './digest-kinds';
export { registerOpenDigestSection } from './open-digest-sections';
export { runDueDigests } from './run-due-digests';
export { startScheduler, type TScheduler } from './scheduler';
export { sendDigest, type TDigestRun } from './send-digest';
export { tickReminders } from './sla-reminders';
