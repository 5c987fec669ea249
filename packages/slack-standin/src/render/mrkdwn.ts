import type { TRenderContext } from './context';
import { formatSlackDate } from './dates';
import { emojiFor } from './emoji';
import { attributes, decodeSlackEntities, escapeHtml, safeUrl } from './html';

// Private-use characters mark finished HTML while the rest of the text is still being escaped and formatted.
const OPEN = '\uE000';
const CLOSE = '\uE001';

class Holder {
  private readonly parts: string[] = [];
  hold(html: string): string {
    return `${OPEN}${this.parts.push(html) - 1}${CLOSE}`;
  }
  restore(text: string): string {
    return text.replace(
      new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'),
      (_, index: string) => this.parts[Number(index)] ?? '',
    );
  }
}

/** `p1712345678123456` → `1712345678.123456`. */
function permalinkTs(digits: string): string {
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

function link(target: string, label: string | undefined, ctx: TRenderContext): string {
  const url = safeUrl(target);
  const shown = escapeHtml(decodeSlackEntities(label ?? target));
  if (!url) return shown;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const archive =
    parsed?.host === ctx.permalinkHost ? /^\/archives\/([A-Z0-9]+)\/p(\d{7,})$/.exec(parsed.pathname) : null;
  if (parsed && archive) {
    // The stand-in's permalinks point at no real Slack: they jump to the message on this page instead.
    return `<a${attributes({
      href: '#',
      class: 'permalink',
      'data-channel': archive[1],
      'data-ts': permalinkTs(archive[2]!),
      'data-thread-ts': parsed.searchParams.get('thread_ts') ?? undefined,
    })}>${shown}</a>`;
  }
  return `<a${attributes({ href: url, target: '_blank', rel: 'noopener noreferrer' })}>${shown}</a>`;
}

function mention(kind: 'user' | 'channel' | 'group', name: string): string {
  const sigil = kind === 'channel' ? '#' : '@';
  return `<span class="mention mention-${kind}">${escapeHtml(`${sigil}${name}`)}</span>`;
}

/** The `<…>` forms of Slack mrkdwn: people, channels, groups, special mentions, dates and links. */
function angle(inner: string, ctx: TRenderContext): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return mention('user', ctx.userName(id) ?? label?.replace(/^@/, '') ?? id);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return mention('channel', ctx.channelName(id) ?? label?.replace(/^#/, '') ?? id);
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return mention('group', ctx.usergroupName(id) ?? label?.replace(/^@/, '') ?? id);
  }
  if (target.startsWith('!date^')) {
    const [, unix, format = '{date}', url] = target.split('^');
    const text = formatSlackDate(Number(unix), format, ctx.timeZone, ctx.now) || (label ?? '');
    const time = `<time${attributes({ datetime: new Date(Number(unix) * 1000).toISOString(), title: label })}>${escapeHtml(text)}</time>`;
    return url && safeUrl(url)
      ? `<a${attributes({ href: url, target: '_blank', rel: 'noopener noreferrer' })}>${time}</a>`
      : time;
  }
  if (target === '!here' || target === '!channel' || target === '!everyone') return mention('group', target.slice(1));
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return link(target, label, ctx);
  return escapeHtml(`<${decodeSlackEntities(inner)}>`);
}

/** *bold*, _italic_ and ~strike~ apply only at word edges, as in Slack: snake_case stays as typed. */
function emphasis(html: string): string {
  const wrap = (mark: string, tag: string, text: string) =>
    text.replace(
      new RegExp(`(^|[^\\w${mark}])\\${mark}(?=\\S)([^${mark}\\n]*?\\S)\\${mark}(?=[^\\w${mark}]|$)`, 'g'),
      `$1<${tag}>$2</${tag}>`,
    );
  return wrap('~', 's', wrap('_', 'em', wrap('*', 'strong', html)));
}

function emoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+(?:::skin-tone-\d)?):/g, (whole, name: string) => {
    const glyph = emojiFor(name);
    return glyph ? `<span class="emoji" title=":${escapeHtml(name)}:">${glyph}</span>` : whole;
  });
}

function line(text: string): string {
  return emoji(emphasis(escapeHtml(decodeSlackEntities(text))));
}

/**
 * Slack mrkdwn → HTML. Everything is escaped; the only markup produced is formatting, mentions, dates and links
 * whose scheme is http(s) or mailto.
 */
export function mrkdwnToHtml(text: string, ctx: TRenderContext): string {
  const holder = new Holder();
  let rest = text.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    holder.hold(`<pre>${escapeHtml(decodeSlackEntities(code.replace(/^\n/, '')))}</pre>`),
  );
  rest = rest.replace(/`([^`\n]+)`/g, (_, code: string) =>
    holder.hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  rest = rest.replace(/<([^<>\n]+)>/g, (_, inner: string) => holder.hold(angle(inner, ctx)));
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  // A raw ">" opens a quote; an escaped "&gt;" is a literal character.
  for (const raw of rest.split('\n')) {
    if (raw.startsWith('>')) {
      quote.push(line(raw.slice(1).replace(/^ /, '')));
      continue;
    }
    flushQuote();
    out.push(line(raw));
  }
  flushQuote();
  return holder.restore(out.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>'));
}

/** plain_text objects: escaped, with :shortcodes: as emoji when `emoji` is not false. */
export function plainTextToHtml(text: string, withEmoji = true): string {
  const html = escapeHtml(text).replace(/\n/g, '<br>');
  return withEmoji ? emoji(html) : html;
}
