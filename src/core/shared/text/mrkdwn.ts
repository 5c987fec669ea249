/**
 * The one rule for showing people's text in Slack. Text is stored as the person wrote it (Slack's `&amp; &lt; &gt;`
 * decoded at the door, see `decodeSlackEntities`) and made safe only when it is shown:
 *
 * - `&`, `<`, `>` become entities in mrkdwn (Slack's "formatting text for app surfaces": only these three are
 *   control characters); plain_text shows characters as they are, so it gets no entities.
 * - `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…|@team>` never notify anyone: they read `@channel`, `@team`.
 * - `<url|label>` shows its real address: `label (<url>)`; only http(s) and mailto become links at all.
 * - `<@U…>` and `<#C…>` stay mentions only in text a Slack user typed (`fromSlack`); from surveys, CSV, webhooks
 *   and CRMs (`fromOutside`) they read `@name` / `#name`.
 *
 * Block Kit builders take `Mrkdwn` (made by the `mrkdwn` template, which applies the rule to everything it
 * interpolates) so a builder cannot put unescaped text in a message by forgetting a call.
 */

type TSource = 'slack' | 'outside';

/** A person's text with where it came from; only this module reads it. */
export class UserText {
  private constructor(
    readonly source: TSource,
    readonly raw: string,
  ) {}
  static of(source: TSource, raw: string) {
    return new UserText(source, raw);
  }
  /** Interpolated into an ordinary template by mistake, it is still shown safely. */
  toString() {
    return mrkdwnOf(this).text;
  }
}

/** Text a Slack user typed (command text, modal fields, message text), already decoded from Slack's entities. */
export const fromSlack = (raw: string) => UserText.of('slack', raw);
/** Text from outside Slack: survey comments, CSV rows, webhook bodies, CRM names. */
export const fromOutside = (raw: string) => UserText.of('outside', raw);

/** Slack sends typed `&`, `<`, `>` as entities in command and message text; stored text is what the person typed. */
export const decodeSlackEntities = (wire: string) =>
  wire.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack mrkdwn that is safe to send: our own markup plus people's text passed through the rule. */
export class Mrkdwn {
  private constructor(readonly text: string) {}
  /** For markup Advocate writes itself (no person's text in it). */
  static trusted(text: string) {
    return new Mrkdwn(text);
  }
  toString() {
    return this.text;
  }
  get length() {
    return this.text.length;
  }
}

export const trusted = (text: string) => Mrkdwn.trusted(text);

/** A value a builder may put into mrkdwn: bare strings and numbers are treated as outside text. */
export type TMrkdwnValue = Mrkdwn | UserText | string | number;

const escapeEntities = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type TPiece = { text: string } | { markup: string; plain: string };

const CONTROL_SEQUENCE = /<([^<>\n]*)>/g;
const LINKABLE = /^(?:https?:\/\/|mailto:)[^\s|]+$/i;
const BROADCASTS = new Set(['channel', 'here', 'everyone']);

const withoutScheme = (url: string) => url.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '');

function controlSequence(inner: string, whole: string, source: TSource): TPiece[] {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : inner.slice(bar + 1).trim();
  const mention = /^([@#])([UWC][A-Z0-9]+)$/.exec(target);
  if (mention) {
    const [, sigil, id] = mention;
    const plain = `${sigil}${label ? label.replace(/^[@#]/, '') : id}`;
    return source === 'slack' ? [{ markup: `<${sigil}${id}>`, plain }] : [{ text: plain }];
  }
  if (target.startsWith('!')) {
    const word = target.slice(1);
    if (BROADCASTS.has(word)) return [{ text: `@${word}` }];
    if (word.startsWith('subteam^')) return [{ text: `@${label ? label.replace(/^@/, '') : word.slice(8)}` }];
    if (word.startsWith('date^') && label) return [{ text: label }];
    return [{ text: label || whole }];
  }
  if (LINKABLE.test(target)) {
    const link = { markup: `<${escapeEntities(target)}>`, plain: target };
    if (!label || label === target || label === withoutScheme(target)) return [link];
    return [{ text: `${label} (` }, link, { text: ')' }];
  }
  return [{ text: whole }];
}

function pieces(value: UserText): TPiece[] {
  const out: TPiece[] = [];
  let last = 0;
  for (const match of value.raw.matchAll(CONTROL_SEQUENCE)) {
    if (match.index > last) out.push({ text: value.raw.slice(last, match.index) });
    out.push(...controlSequence(match[1]!, match[0], value.source));
    last = match.index + match[0].length;
  }
  if (last < value.raw.length) out.push({ text: value.raw.slice(last) });
  return out;
}

const asUserText = (value: UserText | string | number) =>
  value instanceof UserText ? value : fromOutside(String(value));

/** A person's text as safe mrkdwn. */
export function mrkdwnOf(value: TMrkdwnValue): Mrkdwn {
  if (value instanceof Mrkdwn) return value;
  const text = pieces(asUserText(value))
    .map((piece) => ('markup' in piece ? piece.markup : escapeEntities(piece.text)))
    .join('');
  return Mrkdwn.trusted(text);
}

/** A person's text for a plain_text object (headers, buttons, options, input values): no mention, no disguised link. */
export function plainOf(value: UserText | string): string {
  return pieces(asUserText(value))
    .map((piece) => ('markup' in piece ? piece.plain : piece.text))
    .join('');
}

/** `mrkdwn\`*${ref}* for ${customerName}\``: the literal parts are ours, every interpolated value goes through the rule. */
export function mrkdwn(strings: TemplateStringsArray, ...values: TMrkdwnValue[]): Mrkdwn {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += mrkdwnOf(value).text + (strings[i + 1] ?? '');
  });
  return Mrkdwn.trusted(text);
}

export function joinMrkdwn(parts: readonly TMrkdwnValue[], separator = '\n'): Mrkdwn {
  return Mrkdwn.trusted(parts.map((part) => mrkdwnOf(part).text).join(separator));
}

/**
 * Cuts mrkdwn to `max` characters without leaving half an entity or half a `<…>` sequence, which Slack would show
 * as garbage or refuse; the note marks the cut.
 */
export function truncateMrkdwn(value: Mrkdwn, max: number, note: Mrkdwn = Mrkdwn.trusted('…')): Mrkdwn {
  if (value.text.length <= max) return value;
  const cut = value.text
    .slice(0, Math.max(0, max - note.text.length))
    .replace(/&[a-z]{0,4}$/, '')
    .replace(/<[^<>]*$/, '')
    .trimEnd();
  return Mrkdwn.trusted(cut + note.text);
}

/** Advocate's own mentions, links and dates: markup we mean. */
export const mention = (userId: string) => Mrkdwn.trusted(`<@${userId}>`);
export const channelMention = (channelId: string) => Mrkdwn.trusted(`<#${channelId}>`);
export const link = (url: string, label: string) =>
  Mrkdwn.trusted(`<${escapeEntities(url)}|${escapeEntities(label.replace(/[|<>]/g, ' '))}>`);

/** Renders in each reader's own time zone, with a UTC fallback for clients that cannot. */
export function slackDate(date: Date, format = '{date_short_pretty} {time}') {
  const unix = Math.floor(date.getTime() / 1000);
  return Mrkdwn.trusted(`<!date^${unix}^${format}|${date.toISOString().slice(0, 16).replace('T', ' ')} UTC>`);
}

/**
 * A long text as mrkdwn pieces of at most `max` characters each (after escaping), cut at a line break or space
 * where there is one, so a long summary can be shown whole across several sections.
 */
export function mrkdwnChunks(value: UserText, max: number): Mrkdwn[] {
  const chunks: Mrkdwn[] = [];
  let rest = value.raw;
  while (rest.trim()) {
    let size = Math.min(rest.length, max);
    for (;;) {
      const cut = size >= rest.length ? rest.length : cutPoint(rest, size);
      const chunk = mrkdwnOf(UserText.of(value.source, rest.slice(0, cut)));
      if (chunk.length <= max) {
        chunks.push(chunk);
        rest = rest.slice(cut).replace(/^\s+/, '');
        break;
      }
      // Escaping made it longer (`&` → `&amp;`): try a shorter cut in proportion.
      size = Math.max(1, Math.min(size - 1, Math.floor((size * max) / chunk.length)));
    }
  }
  return chunks;
}

function cutPoint(text: string, size: number) {
  const window = text.slice(0, size);
  const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
  return breakAt > size / 2 ? breakAt : size;
}
