import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiContext } from './api-context';
import { type AppContentType, type AppResponse, postToApp } from './client-to-app';
import { applyFault, type Fault, type FaultMatch, Faults } from './faults';
import { receiveUpload } from './files-api';
import { parseBody, readBody, sendJson } from './http-io';
import { type ApiResult, type Params, withoutToken } from './params';
import { DEFAULT_APP } from './payloads';
import * as person from './person';
import { RateLimiter, type RateLimitSettings } from './rate-limits';
import { applyResponse, type ResponseTarget, ResponseUrls } from './response-urls';
import { DEFAULT_SEED } from './seed';
import { messageJson, viewJson } from './shapes';
import { Triggers } from './triggers';
import { authenticate, callMethod } from './web-api';
import { type Change, type StoredFile, Workspace, type WorkspaceSeed } from './workspace';

export interface StandInOptions {
  /** 0 (default) picks a free port on 127.0.0.1. */
  port?: number;
  botToken?: string;
  seed?: WorkspaceSeed;
  /** Where the app takes Slack's requests (…/slack/events); needed for the person actions to reach it. */
  appUrl?: string;
  signingSecret?: string;
  slashCommand?: string;
  /** How long a trigger_id we issue stays usable; Slack allows 3 s. */
  triggerTtlMs?: number;
  /** How long Slack waits for the app before giving up on a request; 3 s. */
  appTimeoutMs?: number;
  /** Rate limits to enforce, e.g. SLACK_RATE_LIMITS (Slack's); none unless given. */
  rateLimits?: RateLimitSettings;
}

export interface RecordedCall {
  method: string;
  params: Params;
  ok: boolean;
  error?: string;
  at: number;
  /** Refused by the rate limiter. */
  overLimit?: boolean;
}

export class SlackStandIn {
  readonly ws: Workspace;
  readonly botToken: string;
  /** Base URL for WebClient's slackApiUrl, ending in /api/. */
  readonly url: string;
  readonly origin: string;
  readonly calls: RecordedCall[] = [];
  private readonly faults = new Faults();
  private readonly limiter: RateLimiter | null;
  private readonly responseUrls = new ResponseUrls();
  private readonly triggers: Triggers;
  private readonly api: ApiContext;
  private readonly people: person.PersonContext;

  private readonly options: StandInOptions;

  constructor(
    private readonly server: Server,
    options: StandInOptions,
  ) {
    this.options = { ...options };
    this.limiter = options.rateLimits ? new RateLimiter(options.rateLimits) : null;
    const { port } = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
    this.botToken = options.botToken ?? 'xoxb-standin-token';
    this.ws = new Workspace(options.seed ?? DEFAULT_SEED);
    this.triggers = new Triggers(options.triggerTtlMs ?? 3000);
    this.api = { ws: this.ws, origin: this.origin, triggers: this.triggers };
    const { ws } = this;
    const app = { ...DEFAULT_APP, teamId: ws.team.id, teamDomain: ws.team.domain, apiAppId: ws.bot.appId };
    this.people = {
      ws,
      app: { ...app, botUserId: ws.bot.userId },
      slashCommand: options.slashCommand ?? '/advocate',
      responseUrl: (target) => this.createResponseUrl(target),
      trigger: (userId) => this.triggers.issue(userId),
      deliver: (body, type) => this.deliver(body, type),
    };
    server.on('request', (req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
      });
    });
  }

  /** Points person actions at the app, for when the app's port is known only after both have started. */
  connectApp(appUrl: string, signingSecret: string): void {
    this.options.appUrl = appUrl;
    this.options.signingSecret = signingSecret;
  }

  /** The next `times` calls of `method` (those `match` picks, when given) suffer `fault`. */
  failNext(method: string, fault: Fault, times = 1, match?: FaultMatch): void {
    this.faults.add(method, fault, times, match);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The calls answered 429 because they came faster than Slack allows (not the ones failNext injected). */
  rateLimitedCalls(method?: string): RecordedCall[] {
    return this.calls.filter((c) => c.error === 'ratelimited' && c.overLimit && (!method || c.method === method));
  }

  /** Top-level messages as Slack would list them, each in its latest version. */
  messagesIn(channelId: string): Record<string, unknown>[] {
    return this.ws.topLevel(channelId).map((m) => messageJson(this.ws, m));
  }

  threadOf(channelId: string, ts: string): Record<string, unknown>[] {
    return this.ws.replies(channelId, ts).map((m) => messageJson(this.ws, m));
  }

  ephemeralsFor(userId: string) {
    return this.ws.ephemerals.filter((e) => e.user === userId);
  }

  homeOf(userId: string): Record<string, unknown> | undefined {
    const home = this.ws.homeOf(userId);
    return home && viewJson(this.ws, home);
  }

  openViews(): Array<Record<string, unknown> & { user_id: string }> {
    return [...this.ws.views.values()]
      .filter((v) => v.open && v.type === 'modal')
      .map((v) => ({ ...viewJson(this.ws, v), user_id: v.userId }));
  }

  files(): StoredFile[] {
    return [...this.ws.files.values()];
  }

  changesSince(seq: number): Change[] {
    return this.ws.changesSince(seq);
  }

  createResponseUrl(target: ResponseTarget): string {
    return `${this.origin}/response/${this.responseUrls.create(target)}`;
  }

  issueTrigger(userId: string): string {
    return this.triggers.issue(userId);
  }

  /** Clears calls, faults and everything that happened; people and channels stay. */
  reset(): void {
    this.calls.length = 0;
    this.faults.clear();
    this.limiter?.clear();
    this.ws.reset();
  }

  /** Resolves once `check` holds; the app acks Slack before it finishes its work. */
  async waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`stand-in: condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  runSlashCommand(userId: string, channelId: string, text: string) {
    return person.runSlashCommand(this.people, userId, channelId, text);
  }

  addReaction(userId: string, channelId: string, ts: string, name: string) {
    return person.setReaction(this.people, true, userId, channelId, ts, name);
  }

  removeReaction(userId: string, channelId: string, ts: string, name: string) {
    return person.setReaction(this.people, false, userId, channelId, ts, name);
  }

  clickButton(userId: string, channelId: string, ts: string, actionId: string, blockId?: string) {
    return person.clickButton(this.people, userId, channelId, ts, actionId, blockId);
  }

  chooseOption(userId: string, channelId: string, ts: string, actionId: string, value: string) {
    return person.chooseOption(this.people, userId, channelId, ts, actionId, value);
  }

  clickHomeButton(userId: string, actionId: string, blockId?: string) {
    return person.clickHomeButton(this.people, userId, actionId, blockId);
  }

  submitView(userId: string, viewId: string, values: Record<string, Record<string, unknown>> = {}) {
    return person.submitView(this.people, userId, viewId, values);
  }

  runMessageShortcut(userId: string, channelId: string, ts: string, callbackId: string) {
    return person.runMessageShortcut(this.people, userId, channelId, ts, callbackId);
  }

  openHome(userId: string) {
    return person.openHome(this.people, userId);
  }

  private async deliver(body: string, type: AppContentType): Promise<AppResponse | undefined> {
    const { appUrl, signingSecret, appTimeoutMs } = this.options;
    if (!appUrl || !signingSecret) return undefined;
    return postToApp(appUrl, signingSecret, body, type, {}, appTimeoutMs ?? 3000);
  }

  private record(method: string, params: Params, result: { ok: boolean; error?: string }): void {
    const { ok, error } = result;
    this.calls.push({ method, params: withoutToken(params), ok, ...(error ? { error } : {}), at: Date.now() });
  }

  private finish(res: ServerResponse, method: string, params: Params, result: ApiResult, status = 200): void {
    this.record(method, params, result);
    sendJson(res, status, result);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    const [, kind, id] = url.pathname.split('/');
    if (kind === 'api' && id) return this.handleApi(decodeURIComponent(id), req, url, body, res);
    if (req.method === 'POST' && kind === 'upload' && id) return this.handleUpload(id, req, body, res);
    if (req.method === 'POST' && kind === 'response' && id) return this.handleResponse(id, req, body, res);
    if (url.pathname === '/changes') {
      const since = Number(url.searchParams.get('since') ?? 0);
      return sendJson(res, 200, { ok: true, seq: this.ws.lastSeq, changes: this.ws.changesSince(since) });
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(method: string, req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse) {
    const parsed = await parseBody(req.headers['content-type'], body, url.searchParams);
    if ('error' in parsed) return this.finish(res, method, {}, { ok: false, error: parsed.error });
    const { params, isJson } = parsed;
    const fault = this.faults.take(method, params);
    const faultError = await applyFault(fault, res);
    if (faultError) return this.record(method, params, { ok: false, error: faultError });
    if (fault && 'answerLost' in fault) {
      const result = callMethod(this.api, method, params);
      this.record(method, params, result);
      res.socket?.destroy();
      return;
    }
    const authError = authenticate({
      authorization: req.headers.authorization,
      params,
      isJson,
      botToken: this.botToken,
    });
    if (authError) return this.finish(res, method, params, authError);
    const retryAfter = this.limiter?.take(method, params) ?? null;
    if (retryAfter !== null) {
      this.calls.push({
        method,
        params: withoutToken(params),
        ok: false,
        error: 'ratelimited',
        at: Date.now(),
        overLimit: true,
      });
      return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(retryAfter) });
    }
    this.finish(res, method, params, callMethod(this.api, method, params));
  }

  /** Upload URLs take raw bytes or a multipart form, as Slack's do, and answer "OK - <size>". */
  private async handleUpload(fileId: string, req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const faultError = await applyFault(this.faults.take('upload'), res);
    if (faultError) return this.record('upload', { file_id: fileId }, { ok: false, error: faultError });
    const contentType = req.headers['content-type'] ?? '';
    const parsed = contentType.startsWith('multipart/')
      ? await parseBody(contentType, body, new URLSearchParams())
      : null;
    const bytes = parsed && 'files' in parsed ? parsed.files[0] : body;
    const ok = bytes !== undefined && receiveUpload(this.ws, fileId, bytes);
    this.record('upload', { file_id: fileId, size: bytes?.length ?? 0 }, ok ? { ok } : { ok, error: 'file_not_found' });
    res.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/plain' });
    res.end(ok ? `OK - ${bytes.length}` : 'file_not_found');
  }

  private async handleResponse(id: string, req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const method = 'response_url';
    const parsed = await parseBody(req.headers['content-type'], body, new URLSearchParams());
    if ('error' in parsed) return this.finish(res, method, {}, { ok: false, error: parsed.error }, 400);
    const { params } = parsed;
    const faultError = await applyFault(this.faults.take(method), res);
    if (faultError) return this.record(method, params, { ok: false, error: faultError });
    const target = this.responseUrls.use(id);
    if ('error' in target) return this.finish(res, method, params, { ok: false, error: target.error }, 404);
    const outcome = applyResponse(this.ws, target, params);
    this.finish(res, method, params, outcome.body, outcome.status);
  }
}

export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return new SlackStandIn(server, options);
}
