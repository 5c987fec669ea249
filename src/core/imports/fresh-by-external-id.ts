type TWithExternalId = { externalId?: string | null };

/** The externalIds a batch names, to ask the database which of them it already holds. */
export const externalIdsOf = (inputs: readonly TWithExternalId[]) =>
  inputs.flatMap((input) => (input.externalId ? [input.externalId] : []));

/**
 * Drops the inputs whose externalId is in `stored` or came earlier in the same batch, so a resent record is
 * accepted once. Adds the batch's ids to `stored`.
 */
export function freshByExternalId<TInput extends TWithExternalId>(
  inputs: readonly TInput[],
  stored: Set<string>,
): { fresh: TInput[]; duplicates: number } {
  const fresh: TInput[] = [];
  let duplicates = 0;
  for (const input of inputs) {
    if (input.externalId && stored.has(input.externalId)) {
      duplicates++;
      continue;
    }
    if (input.externalId) stored.add(input.externalId);
    fresh.push(input);
  }
  return { fresh, duplicates };
}
