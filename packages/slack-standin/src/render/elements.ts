import type { TRenderContext } from './context';
import { attributes, escapeHtml, safeUrl } from './html';
import { mrkdwnToHtml, plainTextToHtml } from './mrkdwn';

export type TObj = Record<string, unknown>;

export const isObj = (value: unknown): value is TObj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const objects = (value: unknown): TObj[] => (Array.isArray(value) ? value.filter(isObj) : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A Block Kit text object (mrkdwn or plain_text) as HTML. */
export function textHtml(value: unknown, ctx: TRenderContext): string {
  if (!isObj(value)) return '';
  const text = str(value.text) ?? '';
  return value.type === 'mrkdwn' ? mrkdwnToHtml(text, ctx) : plainTextToHtml(text, value.emoji !== false);
}

export const plainText = (value: unknown): string => (isObj(value) ? (str(value.text) ?? '') : '');

/** Images are links, never <img>: an image URL from the internet would be fetched by the browser. */
export function imageLink(element: TObj, ctx: TRenderContext, title?: string): string {
  const label = escapeHtml(title || str(element.alt_text) || 'image');
  const file = isObj(element.slack_file) ? str(element.slack_file.id) : undefined;
  const url = file ? ctx.fileUrl(file) : safeUrl(str(element.image_url) ?? '');
  if (!url) return `<span class="bk-image-link">🖼 ${label}</span>`;
  return `<a${attributes({ class: 'bk-image-link', href: url, target: '_blank', rel: 'noopener noreferrer' })}>🖼 ${label}</a>`;
}

function unsupported(type: string, why = 'not clickable in the sandbox'): string {
  return `<span class="bk-unsupported" title="${escapeHtml(why)}">[${escapeHtml(type)}]</span>`;
}

/** Buttons carry what the page needs to send block_actions for them; a URL button is an ordinary link. */
export function interactiveHtml(element: TObj, blockId: string, ctx: TRenderContext): string {
  const type = str(element.type) ?? 'unknown';
  if (type === 'image') return imageLink(element, ctx);
  if (type === 'static_select' || type === 'overflow') return menuHtml(element, blockId);
  if (type !== 'button') return unsupported(type);
  const text = plainTextToHtml(plainText(element.text), isObj(element.text) && element.text.emoji !== false);
  const style = str(element.style);
  const className = `bk-button${style ? ` bk-${style}` : ''}`;
  const url = safeUrl(str(element.url) ?? '');
  if (url)
    return `<a${attributes({ class: className, href: url, target: '_blank', rel: 'noopener noreferrer' })}>${text}</a>`;
  return `<button${attributes({
    type: 'button',
    class: className,
    'data-action-id': str(element.action_id) ?? '',
    'data-block-id': blockId,
  })}>${text}</button>`;
}

/** A menu on a message: a <select> whose change the page sends as block_actions with the option chosen. */
function menuHtml(element: TObj, blockId: string): string {
  const options = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  const placeholder = element.type === 'overflow' ? '⋯' : plainText(element.placeholder) || 'Choose…';
  const items = options
    .map(
      (option) =>
        `<option${attributes({ value: str(option.value) ?? '' })}>${escapeHtml(plainText(option.text))}</option>`,
    )
    .join('');
  return `<select${attributes({
    class: 'bk-menu',
    'data-action-id': str(element.action_id) ?? '',
    'data-block-id': blockId,
    'aria-label': placeholder,
  })}><option value="" selected disabled>${escapeHtml(placeholder)}</option>${items}</select>`;
}
