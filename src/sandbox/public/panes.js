import htm from 'htm';
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Composer, Message, Thread } from './messages.js';

const html = htm.bind(h);

/** Keeps a list scrolled to its newest message unless the person scrolled up to read. */
function useStickToBottom(dependency) {
  const ref = useRef(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [dependency]);
  const onScroll = () => {
    const element = ref.current;
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  };
  return { ref, onScroll };
}

export function ChannelPane({ channel, actions, openThreads }) {
  const last = channel.messages.at(-1);
  const scroll = useStickToBottom(`${channel.id}:${channel.messages.length}:${last?.ts}:${last?.replies.length}`);
  const placeholder = `Message #${channel.name}, or type /advocate …`;
  return html`<section class="pane-body" aria-label=${`#${channel.name}`}>
    <div class="messages" ref=${scroll.ref} onScroll=${scroll.onScroll}>
      ${
        channel.messages.length === 0
          ? html`<p class="empty">Nothing in #${channel.name} yet.</p>`
          : channel.messages.map((m) => {
              const open = openThreads.has(`${m.channel}:${m.ts}`);
              const thread = m.ephemeral
                ? null
                : html`<${Thread} message=${m} open=${open} actions=${actions} canPost=${channel.member} />`;
              return html`<${Message} key=${m.ts} message=${m} actions=${actions} thread=${thread} />`;
            })
      }
    </div>
    ${
      channel.member
        ? html`<${Composer} label=${`Message #${channel.name}`} placeholder=${placeholder}
          onSend=${(text) => actions.send(channel, text)} />
        <p class="hint">Try <code>/advocate help</code>, <code>/advocate list</code> or
          <code>/advocate !high #billing customer:"Acme Corp" double charged on renewal</code>.
          <button type="button" class="link-button" onClick=${() => actions.leave(channel)}>Leave #${channel.name}</button></p>`
        : html`<div class="not-member">You are not in #${channel.name}.
          <button type="button" onClick=${() => actions.join(channel)}>Join #${channel.name}</button></div>`
    }
  </section>`;
}

/** The App Home tab; opening it sends app_home_opened, and the app publishes the view. */
export function HomePane({ home, actions, me }) {
  useEffect(() => {
    actions.openHome();
  }, [me]);
  const onClick = (event) => {
    const button = event.target.closest('button[data-action-id]');
    if (button) {
      event.preventDefault();
      actions.homeButton(button);
    }
  };
  return html`<section class="pane-body home" aria-label="App Home">
    ${
      home
        ? html`<div class="home-view" onClick=${onClick} dangerouslySetInnerHTML=${{ __html: home.html }}></div>`
        : html`<p class="empty">Opening the App Home…</p>`
    }
  </section>`;
}

/** The App Home's Messages tab: what the app sent this person directly. Read-only, as in the manifest. */
export function MessagesPane({ messages, actions }) {
  const scroll = useStickToBottom(messages.length);
  return html`<section class="pane-body" aria-label="Messages with Advocate">
    <div class="messages" ref=${scroll.ref} onScroll=${scroll.onScroll}>
      ${
        messages.length === 0
          ? html`<p class="empty">Advocate has not written to you yet. It does when your escalations are claimed or resolved.</p>`
          : messages.map((m) => html`<${Message} key=${m.ts} message=${m} actions=${actions} />`)
      }
    </div>
    <p class="hint">Sending messages to this app has been turned off.</p>
  </section>`;
}
