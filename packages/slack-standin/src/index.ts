export { type Surface, validateBlocks, validateView } from './block-kit';
export { type AppContentType, type AppResponse, postToApp, retryHeaders } from './client-to-app';
export type { Fault } from './faults';
export { isPng } from './files-api';
export * from './payloads';
export {
  fasterRateLimits,
  type RateLimit,
  RateLimiter,
  type RateLimitSettings,
  SLACK_RATE_LIMITS,
} from './rate-limits';
export type { ResponseTarget } from './response-urls';
export { DEFAULT_SEED } from './seed';
export { type RecordedCall, SlackStandIn, type StandInOptions, startSlackStandIn } from './server';
export { type SlackSignatureHeaders, signSlackRequest } from './signing';
export type {
  Change,
  ChangeKind,
  Channel,
  Ephemeral,
  Message,
  StoredFile,
  StoredView,
  Workspace,
  WorkspaceSeed,
} from './workspace';
