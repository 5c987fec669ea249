import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TMessage } from '../block-limits';

/** Answers the person who caused this request, on the surface they used (see reply-surface.ts). */
export type TReply = (message: TMessage) => Promise<void>;

/** What our middleware leaves in Bolt's `context` for the ones after it, and for app.error. */
export type TListenerContext<TSubject = unknown> = {
  /** The request's payload as its subject schema parsed it (see subject.ts). */
  subject: TSubject;
  /** Set once the surface is known (replyThrough); app.error answers an unexpected failure through it. */
  reply: TReply;
};

/**
 * The part of Bolt's listener arguments our middleware reads, whatever the request type; Bolt's own argument types
 * are assignable to it, so one middleware serves actions, views, commands and events.
 */
export type TMiddlewareArgs<TContext> = {
  body: unknown;
  context: TContext;
  next: () => Promise<void>;
  /** Actions, views, commands and shortcuts have one; its argument depends on the type, hence unknown here. */
  ack?: unknown;
  respond?: RespondFn;
  client: WebClient;
};

export type TMiddleware<TContext> = (args: TMiddlewareArgs<TContext>) => Promise<void>;

export type TAck = (response?: unknown) => Promise<void>;

export const ackOf = (args: { ack?: unknown }) => args.ack as TAck | undefined;
