import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TDigestServices } from '../../src/slack/digests/digest-kinds';
import { ActionId, CallbackId } from '../../src/slack/kit/ids';
import { registerListeners } from '../../src/slack/register-listeners';

interface TManifest {
  features: {
    slash_commands: { command: string }[];
    shortcuts: { callback_id: string; type: string }[];
    app_home: { home_tab_enabled: boolean };
  };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
  oauth_config: { scopes: { bot: string[] } };
}

/** Records what the listeners register, standing in for Bolt's App (only the registration methods are used). */
function recordRegistrations() {
  const seen = {
    commands: [] as string[],
    shortcuts: [] as string[],
    actions: [] as string[],
    views: [] as string[],
    events: [] as string[],
  };
  const idOf = (constraint: unknown) =>
    typeof constraint === 'string'
      ? constraint
      : ((constraint as { action_id?: string; callback_id?: string }).action_id ??
        (constraint as { callback_id?: string }).callback_id ??
        String(constraint));
  const recorder = {
    command: (name: string) => seen.commands.push(name),
    shortcut: (constraint: unknown) => seen.shortcuts.push(idOf(constraint)),
    action: (constraint: unknown) => seen.actions.push(idOf(constraint)),
    view: (constraint: unknown) => seen.views.push(idOf(constraint)),
    event: (name: string) => seen.events.push(name),
    use: () => {},
    error: () => {},
  };
  registerListeners(recorder as unknown as App, {} as TDigestServices);
  return seen;
}

describe('manifest.yml', () => {
  const manifest = parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.yml'), 'utf8')) as TManifest;
  const registered = recordRegistrations();

  it('declares exactly the slash commands and shortcuts the app listens for', () => {
    expect(manifest.features.slash_commands.map((command) => command.command).sort()).toEqual(
      [...new Set(registered.commands)].sort(),
    );
    expect(manifest.features.shortcuts.map((shortcut) => shortcut.callback_id).sort()).toEqual(
      [...new Set(registered.shortcuts)].sort(),
    );
  });

  it('subscribes to exactly the events the app handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...new Set(registered.events)].sort(),
    );
  });

  it('has a listener for every action id and view callback the app renders, and interactivity on', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect([...new Set(registered.actions)].sort()).toEqual(Object.values(ActionId).sort());
    const viewCallbacks = Object.values(CallbackId).filter((id) => id !== CallbackId.FlagShortcut);
    expect([...new Set(registered.views)].sort()).toEqual(viewCallbacks.sort());
  });

  it('asks for the scopes the Web API calls need and turns on Socket Mode and the home tab', () => {
    for (const scope of [
      'commands',
      'chat:write',
      'channels:join',
      'reactions:read',
      'usergroups:read',
      'files:write',
      'im:write',
      'users:read.email',
    ]) {
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
