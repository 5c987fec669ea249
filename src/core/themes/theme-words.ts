/** "ADV-1", "ADV-1 and ADV-2", "ADV-1, ADV-2 and ADV-3" (also in error messages, so it lives in the domain). */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
