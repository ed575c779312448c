/**
 * The one error shape every adapter returns. The core throws ApiError for anything a user
 * can act on; the adapters turn schema failures into 'invalid-input' and anything else into
 * 'internal' without leaking a stack trace.
 */
export type ApiErrorCode = 'invalid-input' | 'unknown-method' | 'not-found' | 'conflict' | 'unauthorized' | 'forbidden' | 'internal' | StoreErrorCode;

/**
 * What the store itself can say (main/store/store-errors.ts): busy (another process writes; try
 * again), full (the disk), read-only (permissions), damaged (restore a backup). Nothing was saved.
 */
export type StoreErrorCode = 'store-busy' | 'store-full' | 'store-read-only' | 'store-damaged';

export interface ApiFailure {
  code: ApiErrorCode;
  message: string;
  /** For invalid input: which field, and what is wrong with it. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiFailure['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiFailure['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toFailure(): ApiFailure {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromFailure(failure: ApiFailure): ApiError {
    return new ApiError(failure.code, failure.message, failure.issues);
  }
}
