// Typed error values with stable codes; the HTTP layer turns them into the error contract
// {"error":{"code","message","fix","aadsts"}}. Messages must never carry a secret.
import { ERROR_CODES, type ErrorCode, type ErrorCodeEntry } from './codes.js';

export interface AppErrorInit {
  message?: string;
  fix?: string;
  aadsts?: number;
  field?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fix: string | undefined;
  readonly aadsts: number | undefined;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, init: AppErrorInit = {}) {
    const entry: ErrorCodeEntry = ERROR_CODES[code];
    super(init.message ?? entry.message, { cause: init.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.fix = init.fix ?? entry.fix;
    this.aadsts = init.aadsts;
    this.field = init.field;
    this.details = init.details;
    this.headers = init.headers;
  }

  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.fix) error.fix = this.fix;
    if (this.aadsts !== undefined) error.aadsts = this.aadsts;
    if (this.field) error.field = this.field;
    if (this.details) Object.assign(error, this.details);
    return { error };
  }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
