import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Channel, Ephemeral, Message, StoredFile, StoredView, Workspace } from '@advocate/slack-standin';
import { providerOf, sqliteFilePath } from '../core/shared/db/provider';
import type { Logger } from '../logger';

interface TSnapshot {
  version: 1;
  /** Which database file these messages belong to: a new file (deleted and created again) starts a new workspace. */
  database: { ino: number; birthtimeMs: number };
  channels: Array<Omit<Channel, 'members'> & { members: string[] }>;
  messages: Message[];
  ephemerals: Ephemeral[];
  views: StoredView[];
  files: Array<Omit<StoredFile, 'bytes'> & { bytes?: string }>;
}

const SAVE_EVERY_MS = 500;

function databaseIdentity(file: string): TSnapshot['database'] | null {
  if (!existsSync(file)) return null;
  const stat = statSync(file);
  return { ino: stat.ino, birthtimeMs: Math.round(stat.birthtimeMs) };
}

function capture(ws: Workspace, database: TSnapshot['database']): TSnapshot {
  return {
    version: 1,
    database,
    channels: [...ws.channels.values()].map((c) => ({ ...c, members: [...c.members] })),
    messages: [...ws.messages.values()].flat(),
    ephemerals: ws.ephemerals,
    views: [...ws.views.values()],
    files: [...ws.files.values()].map((f) => ({ ...f, bytes: f.bytes?.toString('base64') })),
  };
}

function apply(ws: Workspace, snapshot: TSnapshot) {
  ws.channels = new Map(snapshot.channels.map((c) => [c.id, { ...c, members: new Set(c.members) }]));
  ws.messages = new Map();
  for (const message of snapshot.messages) {
    const list = ws.messages.get(message.channel) ?? [];
    list.push(message);
    ws.messages.set(message.channel, list);
  }
  ws.ephemerals = snapshot.ephemerals;
  // A modal's trigger died with the last run; the App Home tabs stay.
  ws.views = new Map(snapshot.views.map((v) => [v.id, v.type === 'modal' ? { ...v, open: false } : v]));
  ws.files = new Map(
    snapshot.files.map((f) => [
      f.id,
      { ...f, bytes: f.bytes === undefined ? undefined : Buffer.from(f.bytes, 'base64') },
    ]),
  );
}

export interface TWorkspaceSnapshot {
  /** Where it is kept, or null for a database that is not a file (PostgreSQL): then nothing is kept. */
  file: string | null;
  /** Puts back what the stand-in showed last time, if it belongs to this database. True when it did. */
  restore(ws: Workspace): boolean;
  /** Saves whenever the workspace changes; the returned function saves once more and stops. */
  keepSaved(ws: Workspace): () => void;
}

/**
 * The database outlives a restart, and so must the Slack side: otherwise the cards the database points at would
 * be gone. The stand-in's workspace is kept beside a SQLite database as `<file>-slack.json`.
 */
export function workspaceSnapshot(databaseUrl: string, logger: Logger): TWorkspaceSnapshot {
  if (providerOf(databaseUrl) !== 'sqlite' || sqliteFilePath(databaseUrl) === ':memory:') {
    return { file: null, restore: () => false, keepSaved: () => () => {} };
  }
  const databaseFile = sqliteFilePath(databaseUrl);
  const file = `${databaseFile}-slack.json`;
  const save = (ws: Workspace) => {
    const database = databaseIdentity(databaseFile);
    if (!database) return;
    writeFileSync(`${file}.tmp`, JSON.stringify(capture(ws, database)));
    renameSync(`${file}.tmp`, file);
  };
  return {
    file,
    restore(ws) {
      if (!existsSync(file)) return false;
      try {
        const snapshot = JSON.parse(readFileSync(file, 'utf8')) as TSnapshot;
        const database = databaseIdentity(databaseFile);
        if (snapshot.version !== 1 || !database) return false;
        if (database.ino !== snapshot.database.ino || database.birthtimeMs !== snapshot.database.birthtimeMs) {
          logger.info(`sandbox: ${file} belongs to an earlier database; starting with an empty workspace`);
          return false;
        }
        apply(ws, snapshot);
        return true;
      } catch (error) {
        logger.warn(`sandbox: could not read ${file}; starting with an empty workspace:`, error);
        return false;
      }
    },
    keepSaved(ws) {
      let saved = -1;
      const saveIfChanged = () => {
        if (ws.lastSeq === saved) return;
        try {
          save(ws);
          saved = ws.lastSeq;
        } catch (error) {
          logger.warn(`sandbox: could not save ${file}:`, error);
        }
      };
      const timer = setInterval(saveIfChanged, SAVE_EVERY_MS);
      timer.unref();
      return () => {
        clearInterval(timer);
        saveIfChanged();
      };
    },
  };
}
