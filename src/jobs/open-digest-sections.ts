import type { KnownBlock } from '@slack/types';
import type { TSlackServices } from '../slack/services';

export interface TOpenDigestSectionContext {
  /** When the previous open digest was sent to this channel; null for the first one. */
  since: Date | null;
  now: Date;
}

/**
 * A section another capability adds to the open digest (e.g. "Detractors without an advocate"). Sections appear
 * after the digest's own content, in the order they were registered, within the message block budget.
 */
export interface TOpenDigestSection {
  name: string;
  /** The most blocks `build` may return; anything beyond is cut so the digest stays valid Block Kit. */
  maxBlocks: number;
  build(services: TSlackServices, context: TOpenDigestSectionContext): Promise<KnownBlock[]>;
}

const sections: TOpenDigestSection[] = [];

/** Registers a section once; a second registration under the same name replaces the first (module reloads in tests). */
export function registerOpenDigestSection(section: TOpenDigestSection): void {
  const existing = sections.findIndex((candidate) => candidate.name === section.name);
  if (existing >= 0) sections[existing] = section;
  else sections.push(section);
}

export function openDigestSections(): readonly TOpenDigestSection[] {
  return sections;
}
