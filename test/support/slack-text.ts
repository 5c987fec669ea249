/** What tests read of the Block Kit the stand-in stored: enough structure to find text, buttons and inputs. */
export interface TBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type?: string; action_id?: string; text?: unknown; value?: string }[];
  accessory?: { action_id?: string };
  element?: { initial_value?: string };
}

export interface TPosted {
  text: string;
  ts: string;
  blocks?: TBlock[];
  files?: { id: string }[];
}

/** Everything a reader sees in blocks: section text, fields and context lines, one per line. */
export const blockText = (blocks: TBlock[] | undefined) =>
  (blocks ?? [])
    .flatMap((block) => [
      block.text?.text,
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.type === 'context'
        ? (block.elements ?? []).map((element) => (typeof element.text === 'string' ? element.text : undefined))
        : []),
    ])
    .filter(Boolean)
    .join('\n');

/** The stand-in's id for a person's DM with the app. */
export const dmChannelOf = (userId: string) => `D${userId.slice(1)}`;
