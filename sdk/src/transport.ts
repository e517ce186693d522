import {
  NetworkError,
  RequestAbortedError,
  TimeoutError,
  type GraphQLErrorEntry,
} from './errors.js';

/** The JSON body of a GraphQL response. */
export interface GraphQLPayload {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorEntry[];
  extensions?: Record<string, unknown>;
}

/** Response of one HTTP attempt. `payload` is undefined when the body was not a GraphQL response. */
export interface AttemptResponse {
  status: number;
  headers: Headers;
  payload: GraphQLPayload | undefined;
  /** The start of a body that was not a GraphQL response, for the error message. */
  bodyExcerpt: string;
}

export interface AttemptRequest {
  fetch: typeof fetch;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  requestId: string;
  /** Number of this attempt, counting from 1; copied onto errors. */
  attempts: number;
}

function isGraphQLPayload(value: unknown): value is GraphQLPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'data' in value || Array.isArray((value as { errors?: unknown }).errors);
}

/**
 * Sends one POST and reads the whole body, within `timeoutMs`. Throws {@link TimeoutError} when
 * the time passes, {@link RequestAbortedError} when the caller's signal fires, and
 * {@link NetworkError} when no response arrives.
 */
export async function sendAttempt(request: AttemptRequest): Promise<AttemptResponse> {
  const details = { requestId: request.requestId, attempts: request.attempts };
  if (request.signal?.aborted)
    throw new RequestAbortedError({ ...details, cause: request.signal.reason });

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    // The timer stays armed until the body is read, so a stalled body also times out.
    const text = await response.text();
    let payload: GraphQLPayload | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      payload = isGraphQLPayload(parsed) ? parsed : undefined;
    } catch {
      payload = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      payload,
      bodyExcerpt: payload ? '' : text.slice(0, 200),
    };
  } catch (error) {
    if (timedOut) throw new TimeoutError(request.timeoutMs, { ...details, cause: error });
    if (request.signal?.aborted)
      throw new RequestAbortedError({ ...details, cause: request.signal.reason });
    throw new NetworkError(
      `@dxhub/sdk: the request to ${request.url} failed: ${(error as Error)?.message ?? String(error)}`,
      {
        ...details,
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}
