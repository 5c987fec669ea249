import htm from 'htm';
import { h } from 'preact';
import { useState } from 'preact/hooks';

const html = htm.bind(h);

/** Advocate's three reactions first (claim, resolve, raise), then a few everyday ones. */
const REACTIONS = [
  ['eyes', '👀', 'claims the card'],
  ['white_check_mark', '✅', 'resolves the card'],
  ['arrow_double_up', '⏫', 'raises the severity'],
  ['+1', '👍', ''],
  ['heart', '❤️', ''],
  ['tada', '🎉', ''],
];

function ReactionPicker({ onPick, onClose }) {
  const [custom, setCustom] = useState('');
  const submit = (event) => {
    event.preventDefault();
    const name = custom.trim().replace(/^:|:$/g, '');
    if (name) onPick(name);
  };
  return html`<div class="reaction-picker" role="menu" aria-label="Add a reaction">
    ${REACTIONS.map(
      ([name, glyph, meaning]) =>
        html`<button type="button" role="menuitem" class="reaction-choice" title=${`:${name}:${meaning ? ` ${meaning}` : ''}`}
          aria-label=${`React with :${name}:`} onClick=${() => onPick(name)}>${glyph}</button>`,
    )}
    <form class="reaction-custom" onSubmit=${submit}>
      <input aria-label="Any emoji name" placeholder="any :name:" value=${custom} onInput=${(e) => setCustom(e.target.value)} />
    </form>
    <button type="button" class="link" onClick=${onClose}>Close</button>
  </div>`;
}

function Reactions({ message, onToggle }) {
  if (message.reactions.length === 0) return null;
  return html`<div class="reactions">
    ${message.reactions.map(
      (r) =>
        html`<button type="button" class=${`reaction${r.mine ? ' mine' : ''}`} title=${`${r.who} reacted with :${r.name}:`}
          aria-pressed=${r.mine} aria-label=${`:${r.name}: ${r.count}`} onClick=${() => onToggle(r.name, !r.mine)}>
          <span class="emoji">${r.glyph ?? `:${r.name}:`}</span> ${r.count}
        </button>`,
    )}
  </div>`;
}

function Files({ files }) {
  if (files.length === 0) return null;
  return html`<div class="files">
    ${files.map(
      (f) => html`<a class="file" href=${f.url} target="_blank" rel="noopener">
        ${f.isImage ? html`<img src=${f.url} alt=${f.title} loading="lazy" />` : null}
        <span>📎 ${f.title}</span>
      </a>`,
    )}
  </div>`;
}

/** Enter sends, Shift+Enter starts a new line, as in Slack. */
export function Composer({ label, placeholder, onSend, disabled }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const send = async () => {
    const value = text.trim();
    if (!value || sending) return;
    setSending(true);
    try {
      if ((await onSend(value)) !== false) setText('');
    } finally {
      setSending(false);
    }
  };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };
  return html`<form class="composer" onSubmit=${(e) => {
    e.preventDefault();
    send();
  }}>
    <textarea aria-label=${label} placeholder=${placeholder} rows="2" value=${text} disabled=${disabled}
      onInput=${(e) => setText(e.target.value)} onKeyDown=${onKeyDown}></textarea>
    <button type="submit" class="send" disabled=${disabled || sending || !text.trim()}>Send</button>
  </form>`;
}

/**
 * One message: author, time, the body (Block Kit rendered by the server), files, reactions and its thread.
 * `actions` carries what the person can do to it; none for the App Home's Messages tab buttons only.
 */
export function Message({ message, actions, thread, isReply }) {
  const [picking, setPicking] = useState(false);
  const [menu, setMenu] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  const onBodyClick = (event) => {
    const button = event.target.closest('button[data-action-id]');
    if (button) {
      event.preventDefault();
      actions.button(message, button);
    }
  };
  // A menu on the message (the card's Waiting…): choosing an option sends it, as Slack does.
  const onBodyChange = (event) => {
    const select = event.target.closest('select[data-action-id]');
    if (select?.value) actions.choose(message, select);
  };
  const classes = [
    'message',
    message.isApp ? 'from-app' : '',
    message.ephemeral ? 'ephemeral' : '',
    isReply ? 'reply' : '',
  ];
  return html`<article class=${classes.filter(Boolean).join(' ')} id=${`msg-${message.channel}-${message.ts}`}
    data-ts=${message.ts} data-channel=${message.channel} data-author=${message.author}>
    <div class="avatar" aria-hidden="true">${message.isApp ? 'A' : message.author.slice(0, 1).toUpperCase()}</div>
    <div class="message-main">
      <header class="message-header">
        <strong class="author">${message.author}</strong>
        ${message.isApp ? html`<span class="badge">APP</span>` : null}
        <time title=${message.fullTime}>${message.time}</time>
        ${message.edited ? html`<span class="edited">(edited)</span>` : null}
        ${message.ephemeral ? html`<span class="only-you">Only visible to you</span>` : null}
      </header>
      <div class="message-body" onClick=${onBodyClick} onChange=${onBodyChange}>
        <div class=${message.edited ? 'flash' : ''} key=${message.edited ? message.html : 'first'}
          dangerouslySetInnerHTML=${{ __html: message.html }}></div>
      </div>
      <${Files} files=${message.files} />
      ${message.ephemeral ? html`<button type="button" class="link dismiss" onClick=${() => setDismissed(true)}>Dismiss</button>` : null}
      ${message.ephemeral ? null : html`<${Reactions} message=${message} onToggle=${(name, add) => actions.react(message, name, add)} />`}
      ${thread}
    </div>
    ${
      message.ephemeral
        ? null
        : html`<div class="message-tools">
          <button type="button" title="Add reaction" aria-label="Add reaction" onClick=${() => setPicking(!picking)}>☺︎+</button>
          ${isReply ? null : html`<button type="button" title="Reply in thread" aria-label="Reply in thread" onClick=${() => actions.openThread(message)}>💬</button>`}
          <button type="button" title="More actions" aria-label="More actions" onClick=${() => setMenu(!menu)}>⋮</button>
          ${
            menu
              ? html`<div class="menu" role="menu">
                <button type="button" role="menuitem" onClick=${() => {
                  setMenu(false);
                  actions.shortcut(message);
                }}>Flag for advocacy</button>
              </div>`
              : null
          }
          ${
            picking
              ? html`<${ReactionPicker} onClose=${() => setPicking(false)} onPick=${(name) => {
                  setPicking(false);
                  actions.react(message, name, !message.reactions.some((r) => r.name === name && r.mine));
                }} />`
              : null
          }
        </div>`
    }
  </article>`;
}

/** A thread under its parent: the replies (and ephemerals in it) and a box to reply. */
export function Thread({ message, open, actions, canPost }) {
  const count = message.replies.length;
  if (!open && count === 0) return null;
  const toggle = html`<button type="button" class="link thread-toggle" aria-expanded=${open}
    onClick=${() => (open ? actions.closeThread(message) : actions.openThread(message))}>
    ${open ? 'Hide thread' : `${count} ${count === 1 ? 'reply' : 'replies'}`}
  </button>`;
  if (!open) return toggle;
  return html`<div class="thread">
    ${toggle}
    <div class="thread-replies">
      ${message.replies.map((reply) => html`<${Message} key=${reply.ts} message=${reply} actions=${actions} isReply=${true} />`)}
    </div>
    ${
      canPost
        ? html`<${Composer} label="Reply in thread" placeholder="Reply…" onSend=${(text) => actions.reply(message, text)} />`
        : null
    }
  </div>`;
}
