import { isObj } from './block-kit';

type Json = Record<string, unknown>;

/** Which state field carries an element's value, as in view_submission's view.state.values. */
const FIELD_BY_TYPE: Record<string, string> = {
  static_select: 'selected_option',
  external_select: 'selected_option',
  radio_buttons: 'selected_option',
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  checkboxes: 'selected_options',
  multi_static_select: 'selected_options',
  multi_users_select: 'selected_users',
};

/** What the client shows before the person touches the input: Slack submits it as the value. */
const INITIAL_BY_FIELD: Record<string, string> = {
  value: 'initial_value',
  selected_option: 'initial_option',
  selected_options: 'initial_options',
  selected_user: 'initial_user',
  selected_users: 'initial_users',
  selected_conversation: 'initial_conversation',
  selected_channel: 'initial_channel',
  selected_date: 'initial_date',
  selected_time: 'initial_time',
};

function stateValue(element: Json, given: unknown): { value: Json; empty: boolean } {
  const type = String(element.type);
  if (isObj(given)) return { value: { type, ...given }, empty: false };
  const field = FIELD_BY_TYPE[type] ?? 'value';
  const initial = element[INITIAL_BY_FIELD[field] ?? ''];
  if (given === undefined && initial !== undefined && initial !== '')
    return { value: { type, [field]: initial }, empty: false };
  const text = typeof given === 'string' && given !== '' ? given : undefined;
  const options = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  let value: unknown = text ?? null;
  if (field === 'selected_option') value = options.find((o) => o.value === text) ?? null;
  if (field === 'selected_options') value = options.filter((o) => text?.split(',').includes(String(o.value)));
  if (field === 'selected_users') value = text ? text.split(',') : [];
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  return { value: { type, [field]: value }, empty };
}

/**
 * Builds view.state.values for every input block, from what a person typed or picked. `values` maps
 * block_id → action_id → a plain string (option value, user id, date…) or a ready state object.
 * Like Slack's client, refuses to submit while a required input is empty.
 */
export function buildViewState(blocks: unknown, values: Record<string, Record<string, unknown>>): Json {
  const state: Json = {};
  for (const block of Array.isArray(blocks) ? blocks.filter(isObj) : []) {
    const element = block.element;
    if (block.type !== 'input' || !isObj(element) || typeof block.block_id !== 'string') continue;
    const actionId = typeof element.action_id === 'string' ? element.action_id : 'input';
    const { value, empty } = stateValue(element, values[block.block_id]?.[actionId]);
    if (empty && block.optional !== true) throw new Error(`stand-in: input "${block.block_id}" is required`);
    state[block.block_id] = { [actionId]: value };
  }
  return state;
}
