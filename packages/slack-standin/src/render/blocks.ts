import type { TRenderContext } from './context';
import { imageLink, interactiveHtml, isObj, objects, plainText, str, type TObj, textHtml } from './elements';
import { emojiFor } from './emoji';
import { attributes, escapeHtml, safeUrl } from './html';
import { inputControlHtml } from './inputs';
import { mrkdwnToHtml } from './mrkdwn';

function section(block: TObj, blockId: string, ctx: TRenderContext): string {
  const text = block.text === undefined ? '' : `<div class="bk-text">${textHtml(block.text, ctx)}</div>`;
  const fields = objects(block.fields).map((field) => `<div class="bk-field">${textHtml(field, ctx)}</div>`);
  const fieldsHtml = fields.length ? `<div class="bk-fields">${fields.join('')}</div>` : '';
  const accessory = isObj(block.accessory)
    ? `<div class="bk-accessory">${interactiveHtml(block.accessory, blockId, ctx)}</div>`
    : '';
  return `<div class="bk-section-body">${text}${fieldsHtml}</div>${accessory}`;
}

function context(block: TObj, ctx: TRenderContext): string {
  return objects(block.elements)
    .map((element) =>
      element.type === 'image'
        ? imageLink(element, ctx)
        : `<span class="bk-context-item">${textHtml(element, ctx)}</span>`,
    )
    .join('');
}

function input(block: TObj, ctx: TRenderContext): string {
  const blockId = str(block.block_id) ?? '';
  const optional = block.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = block.hint === undefined ? '' : `<div class="bk-hint">${textHtml(block.hint, ctx)}</div>`;
  return `<label class="bk-label"${attributes({ for: `input-${blockId}` })}>${escapeHtml(plainText(block.label))}${optional}</label>${inputControlHtml(block, ctx)}${hint}<div class="bk-error"${attributes({ 'data-error-for': blockId })}></div>`;
}

function richTextElements(elements: unknown, ctx: TRenderContext): string {
  return objects(elements)
    .map((element) => {
      const style = isObj(element.style) ? element.style : {};
      let html: string;
      switch (element.type) {
        case 'text':
          html = escapeHtml(str(element.text) ?? '').replace(/\n/g, '<br>');
          break;
        case 'link': {
          const url = str(element.url) ?? '';
          html = mrkdwnToHtml(`<${url}|${str(element.text) ?? url}>`, ctx);
          break;
        }
        case 'user':
          html = mrkdwnToHtml(`<@${str(element.user_id)}>`, ctx);
          break;
        case 'channel':
          html = mrkdwnToHtml(`<#${str(element.channel_id)}>`, ctx);
          break;
        case 'usergroup':
          html = mrkdwnToHtml(`<!subteam^${str(element.usergroup_id)}>`, ctx);
          break;
        case 'broadcast':
          html = mrkdwnToHtml(`<!${str(element.range)}>`, ctx);
          break;
        case 'emoji':
          html = emojiFor(str(element.name) ?? '') ?? escapeHtml(`:${str(element.name)}:`);
          break;
        default:
          html = '';
      }
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<strong>${html}</strong>`;
      if (style.italic) html = `<em>${html}</em>`;
      if (style.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join('');
}

function richText(block: TObj, ctx: TRenderContext): string {
  return objects(block.elements)
    .map((part) => {
      switch (part.type) {
        case 'rich_text_section':
          return `<div>${richTextElements(part.elements, ctx)}</div>`;
        case 'rich_text_preformatted':
          return `<pre>${richTextElements(part.elements, ctx)}</pre>`;
        case 'rich_text_quote':
          return `<blockquote>${richTextElements(part.elements, ctx)}</blockquote>`;
        case 'rich_text_list': {
          const tag = part.style === 'ordered' ? 'ol' : 'ul';
          const items = objects(part.elements).map((item) => `<li>${richTextElements(item.elements, ctx)}</li>`);
          return `<${tag}>${items.join('')}</${tag}>`;
        }
        default:
          return '';
      }
    })
    .join('');
}

function blockHtml(block: TObj, ctx: TRenderContext): string {
  const type = str(block.type) ?? 'unknown';
  const blockId = str(block.block_id) ?? '';
  const wrap = (inner: string) =>
    `<div${attributes({ class: `bk bk-${type}`, 'data-block-id': blockId })}>${inner}</div>`;
  switch (type) {
    case 'section':
      return wrap(section(block, blockId, ctx));
    case 'header':
      return wrap(textHtml(block.text, ctx));
    case 'divider':
      return '<hr class="bk bk-divider">';
    case 'context':
      return wrap(context(block, ctx));
    case 'actions':
      return wrap(
        objects(block.elements)
          .map((element) => interactiveHtml(element, blockId, ctx))
          .join(''),
      );
    case 'image': {
      const title = plainText(block.title);
      return wrap(imageLink(block, ctx, title || undefined));
    }
    case 'input':
      return wrap(input(block, ctx));
    case 'rich_text':
      return wrap(richText(block, ctx));
    default:
      return wrap(`<span class="bk-unsupported">[${escapeHtml(type)} block]</span>`);
  }
}

/** Block Kit as readable HTML: every text escaped, every button wired by its action_id and block_id. */
export function blocksToHtml(blocks: unknown, ctx: TRenderContext): string {
  return objects(blocks)
    .map((block) => blockHtml(block, ctx))
    .join('');
}

function attachmentHtml(attachment: TObj, ctx: TRenderContext): string {
  if (Array.isArray(attachment.blocks)) return blocksToHtml(attachment.blocks, ctx);
  const parts: string[] = [];
  const pretext = str(attachment.pretext);
  if (pretext) parts.push(`<div>${mrkdwnToHtml(pretext, ctx)}</div>`);
  const title = str(attachment.title);
  const titleLink = safeUrl(str(attachment.title_link) ?? '');
  if (title)
    parts.push(
      `<div class="bk-header">${titleLink ? `<a${attributes({ href: titleLink, target: '_blank', rel: 'noopener noreferrer' })}>${escapeHtml(title)}</a>` : escapeHtml(title)}</div>`,
    );
  const text = str(attachment.text) ?? str(attachment.fallback);
  if (text) parts.push(`<div>${mrkdwnToHtml(text, ctx)}</div>`);
  const fields = objects(attachment.fields).map(
    (field) =>
      `<div class="bk-field"><strong>${escapeHtml(str(field.title) ?? '')}</strong><br>${mrkdwnToHtml(str(field.value) ?? '', ctx)}</div>`,
  );
  if (fields.length) parts.push(`<div class="bk-fields">${fields.join('')}</div>`);
  return parts.join('');
}

/** A message body as Slack shows it: its blocks when it has any (text is then only the fallback), else its text. */
export function messageBodyHtml(
  message: { text?: string; blocks?: unknown; attachments?: unknown },
  ctx: TRenderContext,
): string {
  const blocks = objects(message.blocks);
  const main = blocks.length ? blocksToHtml(blocks, ctx) : mrkdwnToHtml(message.text ?? '', ctx);
  const attachments = objects(message.attachments).map((attachment) => {
    const color = str(attachment.color);
    const bar = color && /^#?[0-9a-f]{3,8}$/i.test(color) ? (color.startsWith('#') ? color : `#${color}`) : '#ddd';
    return `<div class="bk-attachment" style="border-left-color:${bar}">${attachmentHtml(attachment, ctx)}</div>`;
  });
  return main + attachments.join('');
}
