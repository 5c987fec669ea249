import htm from 'htm';
import { h, render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { act, fetchChanges, fetchState, fetchTickets } from './api.js';
import { Modal } from './modal.js';
import { ChannelPane, HomePane, MessagesPane } from './panes.js';

const html = htm.bind(h);

const POLL_MS = 500;
const DEFAULT_PANES = ['C0SUPPORT1', 'C0ADVOCATE'];
const ROLE_WORDS = {
  agent: 'support agent',
  advocate: 'advocate',
  bystander: 'reads #advocates, not an advocate',
  guest: 'a guest: may not flag',
};

/** `?as=bob` (or an ID) picks the person; otherwise the last one picked here, otherwise the first agent. */
function initialPerson() {
  return new URLSearchParams(location.search).get('as') || localStorage.getItem('advocate-sandbox-as') || 'alice';
}

function Toasts({ toasts, onDismiss }) {
  return html`<div class="toasts" aria-live="polite">
    ${toasts.map(
      (t) => html`<div key=${t.id} class=${`toast ${t.kind}`} role=${t.kind === 'error' ? 'alert' : 'status'}>
        <span>${t.text}</span>
        <button type="button" class="link" aria-label="Dismiss" onClick=${() => onDismiss(t.id)}>✕</button>
      </div>`,
    )}
  </div>`;
}

function PersonPicker({ people, me, onPick }) {
  return html`<div class="people" role="group" aria-label="Who you are">
    ${people.map(
      (p) => html`<button type="button" class=${`person role-${p.role}`} aria-pressed=${p.id === me}
        title=${`${p.realName}: ${ROLE_WORDS[p.role]}`} onClick=${() => onPick(p.id)}>
        <span class="person-name">${p.name}</span> <span class="person-role">${p.role}</span>
      </button>`,
    )}
  </div>`;
}

function PaneTabs({ channels, value, onChange, index }) {
  const tabs = [...channels.map((c) => [c.id, `#${c.name}`]), ['home', 'Home'], ['messages', 'Messages']];
  return html`<nav class="pane-tabs" role="tablist" aria-label=${`Pane ${index + 1}`}>
    ${tabs.map(
      ([
        id,
        label,
      ]) => html`<button type="button" role="tab" aria-selected=${id === value} onClick=${() => onChange(id)}>
        ${label}
      </button>`,
    )}
  </nav>`;
}

/** Plays a tracker: closes a ticket linked to an open theme, as its webhook would report it. */
function TicketControl({ state, busy, run }) {
  const [tickets, setTickets] = useState([]);
  const [picked, setPicked] = useState('');
  useEffect(() => {
    fetchTickets()
      .then((answer) => setTickets(answer.tickets))
      .catch(() => {});
  }, [state]);
  if (tickets.length === 0) return null;
  const chosen = tickets.find((t) => String(t.id) === picked) ?? tickets[0];
  return html`<span class="ticket-control">
    <select aria-label="Linked ticket" value=${String(chosen.id)} onChange=${(e) => setPicked(e.target.value)}>
      ${tickets.map(
        (t) =>
          html`<option key=${t.id} value=${String(t.id)}>THM-${t.themeId} · ${t.label} (${t.state.replace('_', ' ')})</option>`,
      )}
    </select>
    <button type="button" disabled=${busy !== ''} onClick=${() => run(chosen.id)}>Close ticket</button>
  </span>`;
}

function App() {
  const [meRef, setMeRef] = useState(initialPerson);
  const [state, setState] = useState(null);
  const [panes, setPanes] = useState(DEFAULT_PANES);
  const [openThreads, setOpenThreads] = useState(new Set());
  const [toasts, setToasts] = useState([]);
  const [busy, setBusy] = useState('');
  const seq = useRef(-1);
  const boot = useRef('');

  const me = useMemo(() => {
    const people = state?.people ?? [];
    return (people.find((p) => p.id === meRef || p.name === meRef) ?? people[0])?.id ?? meRef;
  }, [state, meRef]);

  const toast = useCallback((text, kind = 'info') => {
    const id = Math.random().toString(36).slice(2);
    setToasts((list) => [...list.slice(-3), { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 10_000 : 6_000);
  }, []);

  const refresh = useCallback(async () => {
    const next = await fetchState(me);
    seq.current = next.seq;
    boot.current = next.bootId;
    setState(next);
  }, [me]);

  useEffect(() => {
    refresh().catch((error) => toast(`Could not load the sandbox: ${error.message}`, 'error'));
  }, [refresh]);

  // The stand-in's change feed says when anything happened; only then is the whole view fetched again.
  useEffect(() => {
    let stopped = false;
    let timer;
    const poll = async () => {
      try {
        const feed = await fetchChanges(Math.max(seq.current, 0));
        if (feed.bootId !== boot.current || feed.changes.length > 0 || feed.seq !== seq.current) await refresh();
      } catch {
        // The server restarting: keep polling, the boot id will tell when it is back.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  const run = useCallback(
    async (action, body, done) => {
      try {
        const answer = await act(action, body);
        if (done) done(answer);
        refresh().catch(() => {});
        return answer;
      } catch (error) {
        toast(error.message, 'error');
        return null;
      }
    },
    [refresh, toast],
  );

  const pickPerson = (id) => {
    const person = state.people.find((p) => p.id === id);
    localStorage.setItem('advocate-sandbox-as', person.name);
    const url = new URL(location.href);
    url.searchParams.set('as', person.name);
    history.replaceState(null, '', url);
    setMeRef(id);
  };

  const threadKey = (m) => `${m.channel}:${m.ts}`;
  const actions = {
    send: async (channel, text) => {
      const command = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
      if (command && command[1] !== 'advocate') {
        toast(`/${command[1]} is not a command in this workspace; the sandbox has /advocate.`, 'error');
        return false;
      }
      const answer = command
        ? await run('command', { user: me, channel: channel.id, text: command[2].trim() })
        : await run('message', { user: me, channel: channel.id, text });
      return answer !== null;
    },
    reply: async (parent, text) =>
      (await run('message', { user: me, channel: parent.channel, text, threadTs: parent.ts })) !== null,
    join: (channel) => run('join', { user: me, channel: channel.id }),
    leave: (channel) => run('leave', { user: me, channel: channel.id }),
    react: (message, name, add) => run('reaction', { user: me, channel: message.channel, ts: message.ts, name, add }),
    shortcut: (message) => run('shortcut', { user: me, channel: message.channel, ts: message.ts }),
    button: (message, button) =>
      run('button', {
        user: me,
        surface: 'message',
        channel: message.channel,
        ts: message.ts,
        actionId: button.dataset.actionId,
        blockId: button.dataset.blockId,
      }),
    choose: (message, select) =>
      run('choose', {
        user: me,
        channel: message.channel,
        ts: message.ts,
        actionId: select.dataset.actionId,
        value: select.value,
      }),
    homeButton: (button) =>
      run('button', { user: me, surface: 'home', actionId: button.dataset.actionId, blockId: button.dataset.blockId }),
    openHome: () => run('home', { user: me }),
    openThread: (m) => setOpenThreads((open) => new Set(open).add(threadKey(m))),
    closeThread: (m) =>
      setOpenThreads((open) => {
        const next = new Set(open);
        next.delete(threadKey(m));
        return next;
      }),
  };

  // Permalinks in cards and confirmations jump to the message on this page.
  const onPageClick = (event) => {
    const link = event.target.closest('a.permalink');
    if (!link) return;
    event.preventDefault();
    const { channel, ts, threadTs } = link.dataset;
    if (!panes.includes(channel)) setPanes([channel, panes[1] === channel ? panes[0] : panes[1]]);
    if (threadTs) setOpenThreads((open) => new Set(open).add(`${channel}:${threadTs}`));
    setTimeout(() => {
      const target = document.getElementById(`msg-${channel}-${ts}`);
      if (!target) return toast('That message is not in the sandbox any more.', 'error');
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      target.classList.remove('highlight');
      void target.offsetWidth;
      target.classList.add('highlight');
    }, 50);
  };

  const runDigest = async (kind) => {
    setBusy(kind);
    await run('digest', { user: me, kind }, (answer) => {
      const actor = state.people.find((p) => p.id === answer.actor);
      toast(`Ran /advocate digest${kind === 'nps' ? ' nps' : ''} as ${actor?.name ?? 'an advocate'} in #advocates.`);
    });
    setBusy('');
  };
  const closeTicket = async (ticketId) => {
    setBusy('ticket');
    await run('close-ticket', { ticketId }, (answer) => toast(answer.message));
    setBusy('');
  };
  const reset = async () => {
    if (!confirm('Delete every escalation, theme, response and message in the sandbox and start again?')) return;
    setBusy('reset');
    await run('reset', {}, (answer) => toast(answer.message));
    setBusy('');
  };
  const simulateStorm = async () => {
    setBusy('storm');
    await run('storm', {}, (answer) => toast(answer.message));
    setBusy('');
  };
  const loadSample = async () => {
    setBusy('sample');
    await run('sample-data', {}, (answer) => toast(answer.message));
    setBusy('');
  };

  if (!state) return html`<p class="loading">Loading the Advocate sandbox…</p>`;
  const person = state.people.find((p) => p.id === me);
  const paneBody = (id) => {
    if (id === 'home') return html`<${HomePane} home=${state.home} actions=${actions} me=${me} />`;
    if (id === 'messages') return html`<${MessagesPane} messages=${state.messagesTab} actions=${actions} />`;
    const channel = state.channels.find((c) => c.id === id);
    return channel
      ? html`<${ChannelPane} key=${channel.id} channel=${channel} actions=${actions} openThreads=${openThreads} />`
      : html`<p class="empty">No such channel.</p>`;
  };

  return html`<div class="page" onClick=${onPageClick}>
    <header class="topbar">
      <div class="brand">
        <h1>Advocate sandbox</h1>
        <p>The real app against a stand-in Slack on this machine. Nothing leaves it.</p>
      </div>
      <${PersonPicker} people=${state.people} me=${me} onPick=${pickPerson} />
      <div class="controls">
        <button type="button" disabled=${busy !== ''} onClick=${() => runDigest('open')}>Run open digest</button>
        <button type="button" disabled=${busy !== ''} onClick=${() => runDigest('nps')}>Run NPS digest</button>
        <button type="button" disabled=${busy !== ''} onClick=${loadSample}>
          ${busy === 'sample' ? 'Loading sample data…' : 'Load sample data'}
        </button>
        <button type="button" disabled=${busy !== ''} onClick=${simulateStorm}>
          ${busy === 'storm' ? 'Sending 30 flags…' : 'Simulate storm'}
        </button>
        <button type="button" disabled=${busy !== ''} onClick=${reset}>
          ${busy === 'reset' ? 'Resetting…' : 'Reset'}
        </button>
        <${TicketControl} state=${state} busy=${busy} run=${closeTicket} />
      </div>
    </header>
    <p class="you-are">
      You are <strong>${person?.realName}</strong> (${ROLE_WORDS[person?.role] ?? ''}).
    </p>
    <main class="panes">
      ${panes.map(
        (id, index) => html`<div class="pane" data-pane=${id} key=${index}>
          <${PaneTabs} channels=${state.channels} value=${id} index=${index}
            onChange=${(next) => setPanes(panes.map((p, i) => (i === index ? next : p)))} />
          ${paneBody(id)}
        </div>`,
      )}
    </main>
    ${
      state.modal
        ? html`<${Modal} modal=${state.modal}
          onClose=${() => run('view-close', { user: me, viewId: state.modal.id })}
          onSubmit=${async (values) => {
            const answer = await run('view-submit', { user: me, viewId: state.modal.id, values });
            return answer?.errors;
          }} />`
        : null
    }
    <footer class="font-note">
      Emoji or Chinese/Japanese/Korean text shown as boxes? The page uses this machine's fonts (it downloads none):
      on Debian or Ubuntu, <code>apt-get install fonts-noto-color-emoji fonts-noto-cjk</code> and reload.
    </footer>
    <${Toasts} toasts=${toasts} onDismiss=${(id) => setToasts((list) => list.filter((t) => t.id !== id))} />
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
