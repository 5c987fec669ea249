/** A word of command text; `quoted` words came in "double quotes" (or Slack's smart quotes). */
export interface TToken {
  text: string;
  quoted: boolean;
  /** For `key:"value"` tokens, the key (lower-cased) and the unquoted value. */
  key?: string;
  /** The token exactly as typed (case, quotes and key kept): what free text is rebuilt from. */
  raw: string;
  /** The whitespace typed before it, line breaks included. */
  before: string;
}

export class TokenizeError extends Error {}

const QUOTES = new Set(['"', '\u201c', '\u201d']);

/**
 * Splits on whitespace, keeping "quoted phrases" and key:"quoted values" whole.
 * Throws TokenizeError on an unterminated quote so nothing is guessed.
 */
export function tokenize(input: string): TToken[] {
  const tokens: TToken[] = [];
  let i = 0;
  const text = input.trim();
  while (i < text.length) {
    const gapStart = i;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const before = text.slice(gapStart, i);
    const keyMatch = /^([a-zA-Z]+):/.exec(text.slice(i));
    let key: string | undefined;
    let start = i;
    if (keyMatch && QUOTES.has(text[i + keyMatch[0].length] ?? '')) {
      key = keyMatch[1]!.toLowerCase();
      start = i + keyMatch[0].length;
    }
    if (QUOTES.has(text[start]!)) {
      const close = findClosingQuote(text, start + 1);
      if (close < 0) {
        throw new TokenizeError(`the quote that starts at "${text.slice(i, i + 20)}" is never closed`);
      }
      tokens.push({ text: text.slice(start + 1, close), quoted: true, key, raw: text.slice(i, close + 1), before });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const word = text.slice(i, end);
    const plainKey = /^([a-zA-Z]+):(.*)$/.exec(word);
    tokens.push(
      plainKey
        ? { text: plainKey[2]!, quoted: false, key: plainKey[1]!.toLowerCase(), raw: word, before }
        : { text: word, quoted: false, raw: word, before },
    );
    i = end;
  }
  return tokens;
}

function findClosingQuote(text: string, from: number) {
  for (let j = from; j < text.length; j++) if (QUOTES.has(text[j]!)) return j;
  return -1;
}

/**
 * Re-joins the tokens kept for free text (a summary, a comment) exactly as the person typed them: case, quotes,
 * `Word:` and line breaks. Where tokens were taken out (`!high`, `#billing`), a line break they stood beside is kept.
 */
export function joinTokens(kept: readonly TToken[], all: readonly TToken[] = kept): string {
  let text = '';
  let previous = -1;
  for (const token of kept) {
    const index = all.indexOf(token);
    if (previous >= 0) {
      const gaps = all.slice(previous + 1, index + 1).map((between) => between.before);
      text += gaps.find((gap) => gap.includes('\n')) ?? gaps.at(-1) ?? ' ';
    }
    text += token.raw;
    previous = index;
  }
  return text;
}
