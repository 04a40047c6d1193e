// AppError: the one error type services throw; its code comes from the contract's closed set.
import type { ErrorCode } from '@teamset/contract';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('BAD_REQUEST', message, details);
export const unauthenticated = (message: string): AppError => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('FORBIDDEN', message, details);
export const notFound = (message: string): AppError => new AppError('NOT_FOUND', message);
export const conflict = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('CONFLICT', message, details);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
