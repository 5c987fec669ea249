import type { TMessage } from './limits';

/**
 * Messages the domain queues by name (`channel.message` with a `view`), rendered here at send time so the domain
 * never builds Block Kit. Each capability registers its views at start-up.
 */
type TViewRenderer = (data: unknown) => TMessage;
const renderers = new Map<string, TViewRenderer>();

export function registerNamedView(name: string, render: TViewRenderer) {
  renderers.set(name, render);
}

export function renderNamedView(name: string, data: unknown): TMessage {
  const render = renderers.get(name);
  if (!render) throw new Error(`no view named ${name} is registered`);
  return render(data);
}
