/** Error codes a caller can branch on; the user-facing text travels separately. */
export const ErrorCode = {
  NotFound: 'not_found',
  InvalidInput: 'invalid_input',
  IllegalTransition: 'illegal_transition',
  Forbidden: 'forbidden',
  Conflict: 'conflict',
} as const;
export type TErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A failure the person who caused it should read: `userMessage` is mrkdwn shown as is, so people's text in it goes through `mrkdwn` (src/core/shared/text/mrkdwn.ts). */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly userMessage: string;

  constructor(code: TErrorCode, options: { message?: string; userMessage: string }) {
    super(options.message ?? options.userMessage);
    this.code = code;
    this.userMessage = options.userMessage;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
