import type { TMessage } from './limits';

/**
 * Messages the domain queues by name (`channel.message` with a `view`), rendered here at send time so the domain
 * never builds Block Kit. The app's views are NAMED_VIEWS (src/app/composition.ts), handed to the outbox dispatcher.
 */
export type TViewRenderer = (data: unknown) => TMessage;
export type TNamedViews = Readonly<Record<string, TViewRenderer>>;

export function renderNamedView(views: TNamedViews, name: string, data: unknown): TMessage {
  const render = Object.hasOwn(views, name) ? views[name] : undefined;
  if (!render) throw new Error(`no view named ${name} is registered`);
  return render(data);
}
