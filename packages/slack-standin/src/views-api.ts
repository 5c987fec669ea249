import type { ApiContext, Handler } from './api-context';
import { isObj, validateView } from './block-kit';
import { fillBlockIds, invalidBlocks } from './message-content';
import { type ApiResult, fail, type Params, str } from './params';
import { viewHash, viewJson } from './shapes';
import { randomId, type StoredView } from './workspace';

// views.* answer problems with the view as invalid_arguments, listing the findings like invalid_blocks does.

function readView(p: Params, type: 'modal' | 'home'): Record<string, unknown> | ApiResult {
  const view = p.view;
  if (!isObj(view)) return invalidBlocks(['must provide an object [json-pointer:/view]'], 'invalid_arguments');
  const errors = validateView(view);
  if (errors.length === 0 && view.type !== type) errors.push(`must be ${type} [json-pointer:/view/type]`);
  if (errors.length > 0) return invalidBlocks(errors, 'invalid_arguments');
  return { ...view, blocks: fillBlockIds(view.blocks as unknown[]) };
}

function isError(v: Record<string, unknown> | ApiResult): v is ApiResult {
  return v.ok === false;
}

function save(ctx: ApiContext, view: StoredView, kind: Parameters<ApiContext['ws']['saveView']>[1]): ApiResult {
  ctx.ws.saveView(view, kind);
  return { ok: true, view: viewJson(ctx.ws, view) };
}

const open: Handler = (ctx, p) => {
  const triggerId = str(p, 'trigger_id') ?? str(p, 'interactivity_pointer');
  if (!triggerId) return invalidBlocks(['missing required field: trigger_id'], 'invalid_arguments');
  const body = readView(p, 'modal');
  if (isError(body)) return body;
  const externalId = typeof body.external_id === 'string' ? body.external_id : '';
  const trigger = ctx.triggers.exchange(triggerId);
  if (!trigger.ok) return fail(trigger.error);
  const view: StoredView = {
    id: randomId('V'),
    userId: trigger.userId ?? '',
    type: 'modal',
    body,
    hash: viewHash(),
    open: true,
    externalId,
  };
  return save(ctx, view, 'view_opened');
};

const update: Handler = (ctx, p) => {
  const viewId = str(p, 'view_id');
  const externalId = str(p, 'external_id');
  const current = [...ctx.ws.views.values()].find(
    (v) => v.open && ((viewId && v.id === viewId) || (externalId && v.externalId === externalId)),
  );
  if (!current) return fail('not_found');
  const hash = str(p, 'hash');
  if (hash && hash !== current.hash) return fail('hash_conflict');
  const body = readView(p, current.type);
  if (isError(body)) return body;
  return save(ctx, { ...current, body, hash: viewHash() }, 'view_updated');
};

const publish: Handler = (ctx, p) => {
  const userId = str(p, 'user_id') ?? '';
  if (!ctx.ws.users.has(userId)) return invalidBlocks(['invalid user_id [json-pointer:/user_id]'], 'invalid_arguments');
  const body = readView(p, 'home');
  if (isError(body)) return body;
  const current = ctx.ws.homeOf(userId);
  const hash = str(p, 'hash');
  if (current && hash && hash !== current.hash) return fail('hash_conflict');
  const externalId = typeof body.external_id === 'string' ? body.external_id : '';
  const view: StoredView = {
    id: current?.id ?? randomId('V'),
    userId,
    type: 'home',
    body,
    hash: viewHash(),
    open: true,
    externalId,
  };
  return save(ctx, view, 'home_published');
};

export const VIEW_METHODS: Record<string, Handler> = {
  'views.open': open,
  'views.update': update,
  'views.publish': publish,
};
