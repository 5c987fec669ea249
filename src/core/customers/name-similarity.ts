/**
 * Name suggestions by trigram similarity, the measure PostgreSQL's pg_trgm uses: each word is padded ("  acme ")
 * and cut into 3-letter pieces; two names are as similar as the share of pieces they have in common.
 */
export function trigramsOf(key: string): Set<string> {
  const grams = new Set<string>();
  for (const word of key.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

export function trigramSimilarity(a: string, b: string): number {
  const left = trigramsOf(a);
  const right = trigramsOf(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

/** What typing part of a name deserves: "acme" should suggest "acme corporation" even though most pieces differ. */
const CONTAINS_SCORE = 0.5;
export const MIN_SIMILARITY = 0.25;

/** Legal-form words say nothing about which company is meant: "Acme Inc" is not like "Initech Inc". */
const LEGAL_FORMS = new Set([
  'inc',
  'inc.',
  'corp',
  'corp.',
  'corporation',
  'co',
  'co.',
  'company',
  'ltd',
  'ltd.',
  'limited',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'bv',
  'the',
]);

/** The words that tell companies apart; the key itself when it has nothing else. */
export function distinctivePart(key: string): string {
  const words = key.split(' ').filter((word) => word && !LEGAL_FORMS.has(word));
  return words.length ? words.join(' ') : key;
}

export function nameScore(queryKey: string, candidateKey: string): number {
  const query = distinctivePart(queryKey);
  const candidate = distinctivePart(candidateKey);
  const similarity = trigramSimilarity(query, candidate);
  return candidate.includes(query) || query.includes(candidate) ? Math.max(similarity, CONTAINS_SCORE) : similarity;
}

/**
 * The pieces a database can search for with a plain substring match to find candidates: the unpadded trigrams of
 * each word (a word under 3 letters stands for itself), at most `max` of them, longer words first.
 */
export function searchFragments(queryKey: string, max = 16): string[] {
  const words = distinctivePart(queryKey)
    .split(' ')
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const fragments = new Set<string>();
  for (const word of words) {
    if (word.length < 3) fragments.add(word);
    for (let i = 0; i + 3 <= word.length; i++) fragments.add(word.slice(i, i + 3));
  }
  return [...fragments].slice(0, max);
}

/** The best-scoring candidates at or above MIN_SIMILARITY, best first, ties by name. */
export function rankByName<T extends { nameKey: string; name: string }>(
  queryKey: string,
  candidates: readonly T[],
  limit: number,
): (T & { score: number })[] {
  return candidates
    .map((candidate) => ({ ...candidate, score: nameScore(queryKey, candidate.nameKey) }))
    .filter((candidate) => candidate.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}
