import type { FieldError, ProblemDocument } from './types.js';

/**
 * Every failure of a `PortalClient` method: the server's problem document (RFC 9457), or one
 * made up for a failure that never reached the server (`status` 0: network down, timeout).
 */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  /** HTTP status; 0 when the request never got an answer (network down, timeout). */
  readonly status: number;
  /** Machine-readable code: the problem's `code`, or `network`, `timeout`, `http_<status>`. */
  readonly code: string;
  /** The problem type URI. */
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field errors of a 422, in the server's order. */
  readonly fieldErrors: readonly FieldError[];
  /** Seconds the server asked us to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    title: string;
    code?: string | undefined;
    type?: string | undefined;
    detail?: string | undefined;
    fieldErrors?: readonly FieldError[] | undefined;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.status = init.status;
    this.title = init.title;
    this.code = init.code ?? (init.status ? `http_${init.status}` : 'network');
    this.type = init.type ?? 'about:blank';
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter;
  }

  /** Builds the error for a problem document the server sent. */
  static fromProblem(problem: ProblemDocument, retryAfter?: number): PortalError {
    return new PortalError({
      status: problem.status,
      title: problem.title,
      code: problem.code,
      type: problem.type,
      detail: problem.detail,
      fieldErrors: problem.errors,
      retryAfter,
    });
  }

  /** The message for one field of a 422, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
  get isForbidden(): boolean {
    return this.status === 403;
  }
  get isValidation(): boolean {
    return this.status === 422;
  }
  get isRateLimited(): boolean {
    return this.status === 429;
  }
}

export function isPortalError(value: unknown): value is PortalError {
  return value instanceof PortalError || (value instanceof Error && value.name === 'PortalError');
}

/** True when `error` is the rejection of an aborted request, which no view should show. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
