/** A word of command text; `quoted` words came in "double quotes" (or Slack's smart quotes). */
export interface TToken {
  text: string;
  quoted: boolean;
  /** For `key:"value"` tokens, the key (lower-cased) and the unquoted value. */
  key?: string;
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
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
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
      tokens.push({ text: text.slice(start + 1, close), quoted: true, key });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const word = text.slice(i, end);
    const plainKey = /^([a-zA-Z]+):(.*)$/.exec(word);
    tokens.push(
      plainKey ? { text: plainKey[2]!, quoted: false, key: plainKey[1]!.toLowerCase() } : { text: word, quoted: false },
    );
    i = end;
  }
  return tokens;
}

function findClosingQuote(text: string, from: number) {
  for (let j = from; j < text.length; j++) if (QUOTES.has(text[j]!)) return j;
  return -1;
}

/** Re-joins tokens as the person wrote them (quotes kept) for free text such as summaries and comments. */
export const joinTokens = (tokens: TToken[]) =>
  tokens
    .map((token) => {
      const body = token.quoted ? `"${token.text}"` : token.text;
      return token.key ? `${token.key}:${body}` : body;
    })
    .join(' ');
