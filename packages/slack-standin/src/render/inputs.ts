import type { TRenderContext } from './context';
import { isObj, objects, plainText, str, type TObj, textHtml } from './elements';
import { attributes, escapeHtml } from './html';

const INPUT_TYPES: Record<string, string> = {
  email_text_input: 'email',
  url_text_input: 'url',
  number_input: 'number',
};

interface TOption {
  value: string;
  label: string;
}

const optionsOf = (element: TObj): TOption[] =>
  objects(element.options).map((option) => ({ value: str(option.value) ?? '', label: plainText(option.text) }));

const initialValues = (element: TObj): string[] => {
  const single =
    element.initial_option ?? element.initial_user ?? element.initial_conversation ?? element.initial_channel;
  if (isObj(single)) return [str(single.value) ?? ''];
  if (typeof single === 'string') return [single];
  if (Array.isArray(element.initial_options)) return objects(element.initial_options).map((o) => str(o.value) ?? '');
  const many = element.initial_users ?? element.initial_conversations ?? element.initial_channels;
  return Array.isArray(many) ? many.map(String) : [];
};

function choices(element: TObj, ctx: TRenderContext): TOption[] {
  const type = str(element.type) ?? '';
  if (type.includes('users_select')) return ctx.people().map((p) => ({ value: p.id, label: p.name }));
  if (type.includes('conversations_select') || type.includes('channels_select'))
    return ctx.channels().map((c) => ({ value: c.id, label: `#${c.name}` }));
  return optionsOf(element);
}

/**
 * One form control per input element. Each carries data-block-id and data-action-id so the page can build
 * view.state.values; `required` lets the browser refuse an empty required input as Slack's client does.
 */
export function inputControlHtml(block: TObj, ctx: TRenderContext): string {
  const element = isObj(block.element) ? block.element : {};
  const blockId = str(block.block_id) ?? '';
  const actionId = str(element.action_id) ?? 'input';
  const type = str(element.type) ?? '';
  const required = block.optional !== true;
  const base = {
    class: 'bk-control',
    id: `input-${blockId}`,
    'data-block-id': blockId,
    'data-action-id': actionId,
    placeholder: plainText(element.placeholder) || undefined,
  };
  const initial = initialValues(element);
  switch (type) {
    case 'plain_text_input':
    case 'rich_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const value =
        str(element.initial_value) ?? (typeof element.initial_value === 'number' ? String(element.initial_value) : '');
      const limits = {
        maxlength: element.max_length as number | undefined,
        minlength: element.min_length as number | undefined,
      };
      if (element.multiline === true || type === 'rich_text_input')
        return `<textarea${attributes({ ...base, ...limits, rows: 4, required })}>${escapeHtml(value)}</textarea>`;
      const inputType = INPUT_TYPES[type] ?? 'text';
      const step = type === 'number_input' ? (element.is_decimal_allowed === true ? 'any' : '1') : undefined;
      return `<input${attributes({ ...base, ...limits, type: inputType, step, value, required })}>`;
    }
    case 'datepicker':
      return `<input${attributes({ ...base, type: 'date', value: str(element.initial_date), required })}>`;
    case 'timepicker':
      return `<input${attributes({ ...base, type: 'time', value: str(element.initial_time), required })}>`;
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const multiple = type.startsWith('multi_');
      const options = choices(element, ctx)
        .map(
          (o) =>
            `<option${attributes({ value: o.value, selected: initial.includes(o.value) })}>${escapeHtml(o.label)}</option>`,
        )
        .join('');
      const empty = multiple || initial.length > 0 ? '' : '<option value="">Choose…</option>';
      return `<select${attributes({ ...base, multiple, required })}>${empty}${options}</select>`;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const inputType = type === 'radio_buttons' ? 'radio' : 'checkbox';
      return objects(element.options)
        .map((option, index) => {
          const value = str(option.value) ?? '';
          const control = `<input${attributes({
            ...base,
            id: `input-${blockId}-${index}`,
            type: inputType,
            name: `input-${blockId}`,
            value,
            checked: initial.includes(value),
            required: inputType === 'radio' && required,
          })}>`;
          return `<label class="bk-choice">${control} ${textHtml(option.text, ctx)}</label>`;
        })
        .join('');
    }
    default:
      return `<span class="bk-unsupported">[${escapeHtml(type || 'input')}: not available in the sandbox]</span>`;
  }
}
