import type { KnownBlock } from '@slack/types';
import type { TSlackServices } from '../kit/slack-services';

export interface TOpenDigestSectionContext {
  /** When the previous open digest was sent to this channel; null for the first one. */
  since: Date | null;
  now: Date;
}

/**
 * A section another capability adds to the open digest (e.g. "Detractors without an advocate"). Sections appear
 * after the digest's own content, in the order of OPEN_DIGEST_SECTIONS (src/app/composition.ts), within the message block budget.
 */
export interface TOpenDigestSection {
  name: string;
  /** The most blocks `build` may return; anything beyond is cut so the digest stays valid Block Kit. */
  maxBlocks: number;
  build(services: TSlackServices, context: TOpenDigestSectionContext): Promise<KnownBlock[]>;
}
