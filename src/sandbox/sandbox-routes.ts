import type { ServerResponse } from 'node:http';
import type { SlackStandIn } from '@advocate/slack-standin';
import type { z } from 'zod';
import { z as zod } from 'zod';
import { sendJson, type TRoute } from '../app/http/router';
import { leaveToTheApp } from '../core/shared/deps';
import { applyTicketUpdate, ticketLabel } from '../core/themes/theme-tickets';
import { findTicketById, ticketsStillOpen } from '../core/themes/theme-tickets-repository';
import type { TSlackServices } from '../slack/kit/slack-services';
import { sandboxActions, type TActionName, ZActions } from './actions';
import { readJson, SandboxRefusal } from './http';
import { pageState } from './page-state';
import type { TSandboxDirectory } from './people';
import { resetSandbox } from './reset-sandbox';
import { loadSampleData } from './sample-data/load-sample-data';
import { staticRoutes } from './static-files';

export interface TSandboxRoutesOptions {
  standIn: SlackStandIn;
  services: TSlackServices;
  directory: TSandboxDirectory;
  /** Changes on every start, so an open page knows to reload everything after a restart. */
  bootId: string;
}

const ACTION_PATHS: Record<TActionName, string> = {
  command: '/sandbox/api/command',
  message: '/sandbox/api/message',
  join: '/sandbox/api/join',
  leave: '/sandbox/api/leave',
  reaction: '/sandbox/api/reaction',
  button: '/sandbox/api/button',
  choose: '/sandbox/api/choose',
  shortcut: '/sandbox/api/shortcut',
  viewSubmit: '/sandbox/api/view-submit',
  viewClose: '/sandbox/api/view-close',
  home: '/sandbox/api/home',
  digest: '/sandbox/api/digest',
  storm: '/sandbox/api/storm',
};

const fileUrl = (fileId: string) => `/sandbox/api/files/${encodeURIComponent(fileId)}`;

function validZone(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

async function answer(res: ServerResponse, run: () => Promise<unknown>) {
  try {
    sendJson(res, 200, await run());
  } catch (error) {
    if (!(error instanceof SandboxRefusal)) throw error;
    sendJson(res, error.status, { ok: false, error: error.message });
  }
}

function redirect(path: string, to: string): TRoute {
  return {
    method: 'GET',
    path,
    handler: (_req, res) => {
      res.writeHead(302, { location: to });
      res.end();
    },
  };
}

/** The sandbox page and its API: what it shows comes from the stand-in, what it does goes through it. */
export function sandboxRoutes(options: TSandboxRoutesOptions): TRoute[] {
  const { standIn, services, directory, bootId } = options;
  const ctx = { standIn, directory };
  const actionRoutes = (Object.keys(ACTION_PATHS) as TActionName[]).map(
    (name): TRoute => ({
      method: 'POST',
      path: ACTION_PATHS[name],
      handler: async (req, res) => {
        const input = await readJson(req, res, ZActions[name] as z.ZodType<unknown>);
        if (input === null) return;
        // The schema just checked `input` against this very action's parameters.
        const run = sandboxActions[name] as (context: typeof ctx, value: unknown) => Promise<unknown>;
        await answer(res, () => run(ctx, input));
      },
    }),
  );
  return [
    ...staticRoutes(),
    redirect('/', '/sandbox'),
    redirect('/sandbox/', '/sandbox'),
    {
      method: 'GET',
      path: '/sandbox/api/changes',
      handler: (req, res) => {
        const since = Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('since') ?? 0);
        const changes = standIn.changesSince(Number.isFinite(since) ? since : 0);
        sendJson(res, 200, { bootId, seq: standIn.ws.lastSeq, changes });
      },
    },
    {
      method: 'GET',
      path: '/sandbox/api/state',
      handler: (req, res) => {
        const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const wanted = params.get('user') ?? '';
        // The page may name a person (`?as=bob`) before it knows their ID.
        const user = [...standIn.ws.users.values()].find((u) => !u.isBot && (u.id === wanted || u.name === wanted));
        if (!user) return sendJson(res, 400, { ok: false, error: `there is no person "${wanted}"` });
        const userId = user.id;
        const timeZone = validZone(params.get('tz'));
        sendJson(
          res,
          200,
          pageState({
            ...directory,
            ws: standIn.ws,
            bootId,
            userId,
            timeZone,
            now: services.deps.clock.now(),
            fileUrl,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: '/sandbox/api/files/*',
      handler: (req, res) => {
        const { pathname } = new URL(req.url ?? '/', 'http://localhost');
        const file = standIn.ws.files.get(decodeURIComponent(pathname.slice('/sandbox/api/files/'.length)));
        if (!file?.bytes) return sendJson(res, 404, { ok: false, error: 'no such file' });
        res.writeHead(200, {
          'content-type': file.mimetype,
          'content-length': file.bytes.length,
          'content-disposition': `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
        });
        res.end(file.bytes);
      },
    },
    {
      method: 'POST',
      path: '/sandbox/api/sample-data',
      handler: async (req, res) => {
        if ((await readJson(req, res, ZActions.home.partial())) === null) return;
        // The history is written in the past tense (its leases too, already run out), so nothing is sent while it
        // loads: one drain afterwards sends it all in order, within Slack's pace, each message once.
        await answer(res, async () => {
          const loaded = await loadSampleData(
            { ...services.deps, outbox: leaveToTheApp },
            { ...directory, ws: standIn.ws, timeZone: services.config.digest.timeZone },
          );
          // A pass already running listed its rows before these existed: the second starts after it, with them.
          services.background(async () => {
            await services.dispatcher.drainDue();
            await services.dispatcher.drainDue();
          });
          return loaded;
        });
      },
    },
    {
      method: 'POST',
      path: '/sandbox/api/reset',
      handler: async (req, res) => {
        if ((await readJson(req, res, ZActions.home.partial())) === null) return;
        await answer(res, () => resetSandbox(services.deps.db, standIn));
      },
    },
    {
      method: 'GET',
      path: '/sandbox/api/tickets',
      handler: async (_req, res) => {
        const tickets = await ticketsStillOpen(services.deps.db.prisma);
        sendJson(res, 200, {
          ok: true,
          tickets: tickets.map((ticket) => ({
            id: ticket.id,
            themeId: ticket.themeId,
            label: ticketLabel(ticket),
            title: ticket.title,
            state: ticket.state,
          })),
        });
      },
    },
    {
      // Plays the tracker: the linked ticket is closed as its webhook would report it.
      method: 'POST',
      path: '/sandbox/api/close-ticket',
      handler: async (req, res) => {
        const input = await readJson(req, res, zod.object({ ticketId: zod.number().int().positive() }));
        if (input === null) return;
        const ticket = await findTicketById(services.deps.db.prisma, input.ticketId);
        if (!ticket) return sendJson(res, 404, { ok: false, error: 'that ticket is not linked any more' });
        const outcome = await applyTicketUpdate(services.deps, {
          source: 'sandbox',
          url: ticket.url,
          state: 'closed',
          title: ticket.title,
          at: services.deps.clock.now(),
        });
        sendJson(res, 200, {
          ok: true,
          message: `Closed ${ticketLabel(ticket)} as its tracker would (${outcome.applied} theme${outcome.applied === 1 ? '' : 's'} told).`,
        });
      },
    },
    ...actionRoutes,
  ];
}
