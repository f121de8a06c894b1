import type { FieldError, ProblemDocument } from '../api/types.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/**
 * A failure a mock handler reports: thrown anywhere below a route and turned into an RFC 9457
 * problem document (`application/problem+json`) by the route wrapper.
 */
export class MockProblem extends Error {
  override readonly name = 'MockProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Seconds for `Retry-After` (sent with 429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(`${status} ${code}${detail ? `: ${detail}` : ''}`);
  }

  /** The problem document this failure is sent as. */
  toDocument(): ProblemDocument {
    const doc: ProblemDocument = {
      type: `urn:portal-elements:problem:${this.code}`,
      title: TITLES[this.status] ?? `HTTP ${this.status}`,
      status: this.status,
      code: this.code,
    };
    if (this.detail) doc.detail = this.detail;
    if (this.errors) doc.errors = this.errors;
    return doc;
  }
}

/** A 422 with one entry per invalid field (see the naming convention in validation.ts). */
export function validationProblem(errors: FieldError[], code = 'validation_failed', detail?: string): MockProblem {
  return new MockProblem(422, code, detail ?? errors.map((e) => e.message).join(' '), errors);
}

/** Serializes a problem as `application/problem+json`, with `Retry-After` when it has one. */
export function problemResponse(problem: MockProblem, headers?: Record<string, string>): Response {
  const h = new Headers(headers);
  h.set('Content-Type', 'application/problem+json');
  if (problem.retryAfter !== undefined) h.set('Retry-After', String(problem.retryAfter));
  return new Response(JSON.stringify(problem.toDocument()), { status: problem.status, headers: h });
}
