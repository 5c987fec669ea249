import type { TMessage } from './block-limits';

/**
 * Messages older versions queued by name (`channel.message` / `theme.thread.line` with a `view`), rendered at send
 * time; the domain now queues events instead, and these render the rows still waiting in an outbox. The app's views are NAMED_VIEWS (src/app/composition.ts), handed to the outbox dispatcher.
 */
export type TViewRenderer = (data: unknown) => TMessage;
export type TNamedViews = Readonly<Record<string, TViewRenderer>>;

export function renderNamedView(views: TNamedViews, name: string, data: unknown): TMessage {
  const render = Object.hasOwn(views, name) ? views[name] : undefined;
  if (!render) throw new Error(`no view named ${name} is registered`);
  return render(data);
}
