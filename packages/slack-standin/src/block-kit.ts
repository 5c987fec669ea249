// Block Kit checks with Slack's own limits and error wording ("must be less than 3001 characters
// [json-pointer:/blocks/0/text/text]"), so an app that passes here is not surprised in a real workspace.
export type Surface = 'message' | 'modal' | 'home';

type Obj = Record<string, unknown>;

interface Ctx {
  errors: string[];
  blockIds: Set<string>;
  actionIds: Set<string>;
  surface: Surface;
}

const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select'];
const MULTI_SELECTS = SELECTS.map((s) => `multi_${s}`);
const INTERACTIVE = [
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
];
const ACTIONS_ELEMENTS = new Set(INTERACTIVE);
const ACCESSORIES = new Set([...INTERACTIVE.filter((t) => t !== 'datetimepicker'), 'image']);
const INPUT_ELEMENTS = new Set([
  ...INTERACTIVE.filter((t) => t !== 'button' && t !== 'overflow' && t !== 'workflow_button'),
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
]);

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(ctx: Ctx, message: string, pointer: string): void {
  ctx.errors.push(`${message} [json-pointer:${pointer}]`);
}

function checkString(ctx: Ctx, v: unknown, ptr: string, max: number, required = false) {
  if (v === undefined) {
    if (required) fail(ctx, 'must provide a string', ptr);
    return;
  }
  if (typeof v !== 'string') return fail(ctx, 'must provide a string', ptr);
  if (required && v.length === 0) fail(ctx, 'must be more than 0 characters', ptr);
  if (v.length > max) fail(ctx, `must be less than ${max + 1} characters`, ptr);
}

function checkArray(ctx: Ctx, v: unknown, ptr: string, max: number): unknown[] {
  if (!Array.isArray(v)) {
    fail(ctx, 'must provide an array', ptr);
    return [];
  }
  if (v.length === 0) fail(ctx, 'must provide at least 1 item', ptr);
  if (v.length > max) fail(ctx, `no more than ${max} items allowed`, ptr);
  return v;
}

function checkText(ctx: Ctx, v: unknown, ptr: string, max: number, opts: { plain?: boolean; required?: boolean } = {}) {
  if (v === undefined) {
    if (opts.required !== false) fail(ctx, 'must provide an object', ptr);
    return;
  }
  if (!isObj(v)) return fail(ctx, 'must provide an object', ptr);
  const allowed = opts.plain ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof v.type !== 'string' || !allowed.includes(v.type)) {
    fail(ctx, `must be one of ${allowed.join(', ')}`, `${ptr}/type`);
  }
  checkString(ctx, v.text, `${ptr}/text`, max, true);
}

function checkId(ctx: Ctx, v: unknown, ptr: string, kind: 'block_id' | 'action_id') {
  if (v === undefined) return;
  checkString(ctx, v, ptr, 255, true);
  if (typeof v !== 'string') return;
  const seen = kind === 'block_id' ? ctx.blockIds : ctx.actionIds;
  if (seen.has(v)) fail(ctx, `\`${kind}\` "${v}" already exists`, ptr);
  seen.add(v);
}

function checkOptions(ctx: Ctx, v: unknown, ptr: string, max: number, plainOnly: boolean) {
  for (const [i, option] of checkArray(ctx, v, ptr, max).entries()) {
    const p = `${ptr}/${i}`;
    if (!isObj(option)) {
      fail(ctx, 'must provide an object', p);
      continue;
    }
    checkText(ctx, option.text, `${p}/text`, 75, { plain: plainOnly });
    checkString(ctx, option.value, `${p}/value`, 150, true);
    checkText(ctx, option.description, `${p}/description`, 75, { plain: plainOnly, required: false });
    checkString(ctx, option.url, `${p}/url`, 3000);
  }
}

function checkElement(ctx: Ctx, el: unknown, ptr: string, allowed: Set<string>) {
  if (!isObj(el)) return fail(ctx, 'must provide an object', ptr);
  const type = typeof el.type === 'string' ? el.type : '';
  if (!allowed.has(type)) return fail(ctx, 'failed to match all allowed schemas', ptr);
  if (type === 'image') {
    checkString(ctx, el.image_url, `${ptr}/image_url`, 3000, el.slack_file === undefined);
    checkString(ctx, el.alt_text, `${ptr}/alt_text`, 2000, true);
    return;
  }
  checkId(ctx, el.action_id, `${ptr}/action_id`, 'action_id');
  checkText(ctx, el.placeholder, `${ptr}/placeholder`, 150, { plain: true, required: false });
  if (type === 'button') {
    checkText(ctx, el.text, `${ptr}/text`, 75, { plain: true });
    checkString(ctx, el.value, `${ptr}/value`, 2000);
    checkString(ctx, el.url, `${ptr}/url`, 3000);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
      fail(ctx, 'must be one of primary, danger', `${ptr}/style`);
    }
  } else if (type === 'static_select' || type === 'multi_static_select') {
    if (el.option_groups !== undefined) checkArray(ctx, el.option_groups, `${ptr}/option_groups`, 100);
    else checkOptions(ctx, el.options, `${ptr}/options`, 100, true);
  } else if (type === 'overflow') {
    checkOptions(ctx, el.options, `${ptr}/options`, 5, true);
  } else if (type === 'checkboxes' || type === 'radio_buttons') {
    checkOptions(ctx, el.options, `${ptr}/options`, 10, false);
  }
}

function checkBlock(ctx: Ctx, block: unknown, ptr: string) {
  // Slack wants action_id unique within its containing block, not across the message or view.
  ctx.actionIds = new Set();
  if (!isObj(block)) return fail(ctx, 'must provide an object', ptr);
  checkId(ctx, block.block_id, `${ptr}/block_id`, 'block_id');
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) {
        return fail(ctx, 'must provide text or fields', ptr);
      }
      checkText(ctx, block.text, `${ptr}/text`, 3000, { required: false });
      if (block.fields !== undefined) {
        for (const [i, f] of checkArray(ctx, block.fields, `${ptr}/fields`, 10).entries()) {
          checkText(ctx, f, `${ptr}/fields/${i}`, 2000);
        }
      }
      if (block.accessory !== undefined) checkElement(ctx, block.accessory, `${ptr}/accessory`, ACCESSORIES);
      return;
    case 'header':
      return checkText(ctx, block.text, `${ptr}/text`, 150, { plain: true });
    case 'divider':
      return;
    case 'context':
      for (const [i, el] of checkArray(ctx, block.elements, `${ptr}/elements`, 10).entries()) {
        const p = `${ptr}/elements/${i}`;
        if (isObj(el) && el.type === 'image') checkElement(ctx, el, p, ACCESSORIES);
        else checkText(ctx, el, p, 3000);
      }
      return;
    case 'actions':
      for (const [i, el] of checkArray(ctx, block.elements, `${ptr}/elements`, 25).entries()) {
        checkElement(ctx, el, `${ptr}/elements/${i}`, ACTIONS_ELEMENTS);
      }
      return;
    case 'image':
      checkString(ctx, block.image_url, `${ptr}/image_url`, 3000, block.slack_file === undefined);
      checkString(ctx, block.alt_text, `${ptr}/alt_text`, 2000, true);
      return checkText(ctx, block.title, `${ptr}/title`, 2000, { plain: true, required: false });
    case 'input':
      checkText(ctx, block.label, `${ptr}/label`, 2000, { plain: true });
      checkText(ctx, block.hint, `${ptr}/hint`, 2000, { plain: true, required: false });
      return checkElement(ctx, block.element, `${ptr}/element`, INPUT_ELEMENTS);
    case 'rich_text':
      checkArray(ctx, block.elements, `${ptr}/elements`, Number.POSITIVE_INFINITY);
      return;
    default:
      fail(ctx, 'failed to match all allowed schemas', ptr);
  }
}

function newCtx(surface: Surface): Ctx {
  return { errors: [], blockIds: new Set(), actionIds: new Set(), surface };
}

function checkBlocks(ctx: Ctx, blocks: unknown, ptr: string) {
  const max = ctx.surface === 'message' ? 50 : 100;
  if (!Array.isArray(blocks)) return fail(ctx, 'must provide an array', ptr);
  if (blocks.length > max) fail(ctx, `no more than ${max} items allowed`, ptr);
  for (const [i, b] of blocks.entries()) checkBlock(ctx, b, `${ptr}/${i}`);
}

/** Empty result = Slack would accept these blocks on that surface. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  const ctx = newCtx(surface);
  checkBlocks(ctx, blocks, pointer);
  return ctx.errors;
}

/** Checks a modal or home view object; pointers are under /view as in views.* errors. */
export function validateView(view: unknown): string[] {
  const ctx = newCtx('modal');
  if (!isObj(view)) return ['must provide an object [json-pointer:/view]'];
  if (view.type !== 'modal' && view.type !== 'home') {
    fail(ctx, 'must be one of modal, home', '/view/type');
    return ctx.errors;
  }
  ctx.surface = view.type;
  if (view.type === 'modal') {
    checkText(ctx, view.title, '/view/title', 24, { plain: true });
    checkText(ctx, view.close, '/view/close', 24, { plain: true, required: false });
    checkText(ctx, view.submit, '/view/submit', 24, { plain: true, required: false });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) fail(ctx, 'must provide submit when using input blocks', '/view/submit');
  }
  checkString(ctx, view.private_metadata, '/view/private_metadata', 3000);
  checkString(ctx, view.callback_id, '/view/callback_id', 255);
  checkString(ctx, view.external_id, '/view/external_id', 255);
  checkBlocks(ctx, view.blocks, '/view/blocks');
  return ctx.errors;
}
