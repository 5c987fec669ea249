// The page's only contact with the server: read what a person sees, and act as that person.

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

async function readAnswer(response) {
  const body = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
  if (!response.ok || body.ok === false) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

export async function fetchState(user) {
  const query = new URLSearchParams({ user, tz: zone });
  return readAnswer(await fetch(`/sandbox/api/state?${query}`, { cache: 'no-store' }));
}

export async function fetchChanges(since) {
  return readAnswer(await fetch(`/sandbox/api/changes?since=${since}`, { cache: 'no-store' }));
}

/** POSTs JSON to one of the page's actions: command, message, reaction, button, shortcut, view-submit… */
export async function act(action, body) {
  const response = await fetch(`/sandbox/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return readAnswer(response);
}

/** Linked tickets not closed yet, for the "Close ticket" control. */
export async function fetchTickets() {
  return readAnswer(await fetch('/sandbox/api/tickets', { cache: 'no-store' }));
}
