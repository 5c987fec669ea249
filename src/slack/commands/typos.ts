/**
 * A mistyped sub-command must not become a public escalation: `/advocate shwo ADV-3` or `claim ADV4` is answered
 * privately with what was probably meant, and how to flag the text as written if it really is a summary.
 */
import { parseEscalationRef } from '../../core/escalations/escalation-vocabulary';
import { fromSlack, mrkdwn } from '../../core/shared/text/mrkdwn';
import { joinTokens, type TToken } from './tokenize';

/** Words that take an escalation ID next (`show ADV-3`, `claim ADV-3`, `withdraw ADV-3`). */
const ID_VERBS = [
  'show',
  'withdraw',
  'claim',
  'take',
  'resolve',
  'close',
  'reopen',
  'raise',
  'escalate',
  'assign',
  'wait',
  'resume',
];
const SUBCOMMAND_WORDS = [
  'flag',
  'help',
  'list',
  'show',
  'digest',
  'subscribe',
  'unsubscribe',
  'theme',
  'themes',
  'customer',
  'withdraw',
  'channel',
];

/**
 * English words one letter from a sub-command, which start real summaries ("last invoice doubled", "slow
 * dashboard"): never taken for typos.
 */
const ORDINARY_WORDS = new Set(
  'last lost lust mist fist gist lint flat flap flaw flog slag held hell kelp shop shot shoe slow snow stow shew them then there these thee lisp lift'.split(
    ' ',
  ),
);

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours cost one. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

/** `ADV4`, `adv 4`, `ADV_4`, `ADV–4` (a dash Slack or a phone put in): the number meant, when not a valid ID. */
export function nearEscalationRef(token: TToken): number | null {
  if (token.quoted || token.key || parseEscalationRef(token.text) !== null) return null;
  const match = /^(?:adv)[\s_.#:\u2010-\u2015]?(\d{1,9})$/i.exec(token.text.trim());
  return match ? Number(match[1]) : null;
}

const closest = (word: string, candidates: readonly string[], allowed: number) => {
  let best: { word: string; distance: number } | null = null;
  for (const candidate of candidates) {
    // `customers`, `withdrawal`, `flags`: the word itself, inflected, starts many a summary.
    if (word.startsWith(candidate)) continue;
    const distance = editDistance(word, candidate);
    if (distance <= allowed && distance < (best?.distance ?? Number.POSITIVE_INFINITY)) {
      best = { word: candidate, distance };
    }
  }
  return best?.word ?? null;
};

/** How far a word may be from a sub-command and still be taken for it: short words are easily other words. */
const allowedFor = (word: string) => (word.length >= 7 ? 2 : word.length >= 4 ? 1 : 0);

/** The answer to a text that looks like a mistyped sub-command (mrkdwn), or null when it reads as a summary. */
export function suspectedTypo(tokens: readonly TToken[]): string | null {
  const [first, second] = tokens;
  if (!first || first.quoted || first.key) return null;
  const word = first.text.toLowerCase();
  if (!/^[a-z-]+$/.test(word)) return null;
  const id = second ? (parseEscalationRef(second.text) ?? nearEscalationRef(second)) : null;
  let meant: string | null = null;
  if (id !== null && second && !second.quoted && !second.key) {
    // A verb-like word before an ID-like word is a command, however it is spelt.
    const verb = ID_VERBS.includes(word) ? word : closest(word, ID_VERBS, Math.max(1, allowedFor(word)));
    if (verb) {
      const after = tokens.length > 2 ? ' …' : '';
      meant = `/advocate ${verb} ADV-${id}${after}`;
    }
  }
  if (!meant && !ORDINARY_WORDS.has(word)) {
    const subcommand = closest(word, SUBCOMMAND_WORDS, allowedFor(word));
    if (subcommand && subcommand !== word) meant = `/advocate ${subcommand}${tokens.length > 1 ? ' …' : ''}`;
  }
  if (!meant) return null;
  const typed = joinTokens(tokens);
  const shown = typed.length > 80 ? `${typed.slice(0, 79)}…` : typed;
  return mrkdwn`Did you mean \`${fromSlack(meant)}\`? Nothing was flagged. To flag it as written: \`/advocate flag ${fromSlack(shown.replace(/\n/g, ' '))}\``
    .text;
}
