import { TokenSource } from './auth.js';
import { prepareDocument, type DocumentInput } from './document.js';
import { Directory } from './domain/directory.js';
import { Incidents } from './domain/incidents.js';
import { Projects } from './domain/projects.js';
import { Staffing } from './domain/staffing.js';
import { Surveys } from './domain/surveys.js';
import {
  AuthenticationError,
  ConflictError,
  type DxhubError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  RateLimitError,
  RequestAbortedError,
  TimeoutError,
  errorFromGraphQL,
  type GraphQLErrorEntry,
} from './errors.js';
import { randomId } from './ids.js';
import {
  checkRequestOptions,
  resolveClientOptions,
  resolveRetry,
  type ClientOptions,
  type RequestOptions,
  type ResolvedClientOptions,
} from './options.js';
import { backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';
import { sendAttempt, type AttemptResponse } from './transport.js';
import { bigintReplacer } from './vnd.js';

/**
 * The arguments after the document: variables are optional when the operation has no required
 * variable, and required otherwise.
 *
 * @example
 * ```ts
 * function run<R, V>(document: DocumentInput<R, V>, ...args: VariablesAndOptions<V>) {
 *   return hub.request(document, ...args);
 * }
 * ```
 */
export type VariablesAndOptions<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

/**
 * A response with data, possibly partial: fields the caller may not see are null and listed in
 * `errors`.
 *
 * @example
 * ```ts
 * const { data, errors } = await hub.execute(OrganizationDocument, { code: '01' });
 * if (errors.length > 0) console.warn('some fields were withheld', errors);
 * ```
 */
export interface ExecuteResult<TResult> {
  data: TResult;
  errors: readonly GraphQLErrorEntry[];
  /** The hub's request id, or the one the SDK sent. */
  requestId: string;
  /** How many attempts it took, retries included. */
  attempts: number;
}

/** HTTP statuses after which an attempt is worth repeating. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Outcome of one attempt: data, or an error with what may be done about it. */
type AttemptOutcome<TResult> =
  | { kind: 'data'; result: ExecuteResult<TResult> }
  | {
      kind: 'error';
      error: DxhubError;
      retryable: boolean;
      unauthorized: boolean;
      retryAfterMs: number | undefined;
    };

function interpretResponse<TResult>(
  response: AttemptResponse,
  sentRequestId: string,
  attempts: number,
): AttemptOutcome<TResult> {
  const { status, payload } = response;
  const firstRequestId = payload?.errors?.find(
    (error) => typeof error.extensions?.requestId === 'string',
  )?.extensions?.requestId;
  const requestId =
    response.headers.get('x-request-id') ?? (firstRequestId as string | undefined) ?? sentRequestId;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const details = { requestId, status, attempts };

  if (payload === undefined) {
    const excerpt = response.bodyExcerpt ? `: ${response.bodyExcerpt}` : '';
    let error: DxhubError;
    if (status === 401)
      error = new AuthenticationError(`@dxhub/sdk: the hub responded 401${excerpt}`, details);
    else if (status === 429)
      error = new RateLimitError(
        `@dxhub/sdk: the hub responded 429${excerpt}`,
        retryAfterMs,
        details,
      );
    else if (status >= 200 && status < 300) {
      error = new InvalidResponseError(
        `@dxhub/sdk: the hub's response is not a GraphQL response; check that url ends in /graphql${excerpt}`,
        details,
      );
    } else
      error = new HttpError(`@dxhub/sdk: the hub responded with HTTP ${status}${excerpt}`, details);
    return {
      kind: 'error',
      error,
      retryable: RETRYABLE_STATUSES.has(status),
      unauthorized: status === 401,
      retryAfterMs,
    };
  }

  const errors = payload.errors ?? [];
  if (payload.data !== null && payload.data !== undefined) {
    return { kind: 'data', result: { data: payload.data as TResult, errors, requestId, attempts } };
  }
  if (errors.length === 0) {
    return {
      kind: 'error',
      error: new InvalidResponseError(
        '@dxhub/sdk: the hub returned neither data nor errors',
        details,
      ),
      retryable: false,
      unauthorized: false,
      retryAfterMs: undefined,
    };
  }

  const error = errorFromGraphQL(errors, { ...details, retryAfterMs });
  const serverCode = error.serverCode;
  const retryable =
    RETRYABLE_STATUSES.has(status) ||
    serverCode === 'RATE_LIMITED' ||
    serverCode === 'INTERNAL_SERVER_ERROR' ||
    (error instanceof ConflictError && error.reason === 'IDEMPOTENCY_KEY_IN_PROGRESS');
  const waitMs = error instanceof RateLimitError ? error.retryAfterMs : retryAfterMs;
  const conflictWait =
    error instanceof ConflictError ? Number(errors[0]?.extensions?.retryAfter) * 1000 : NaN;
  return {
    kind: 'error',
    error,
    retryable,
    unauthorized: status === 401 || serverCode === 'UNAUTHENTICATED',
    retryAfterMs: Number.isFinite(conflictWait) ? conflictWait : waitMs,
  };
}

/**
 * Sends GraphQL operations to a dxhub gateway with authentication, timeouts, retries and typed
 * errors. Its settings are frozen; {@link DxhubClient.withOptions} returns a changed copy.
 *
 * @example
 * ```ts
 * const hub = new DxhubClient({ url: 'http://127.0.0.1:4000/graphql', token: process.env.DXHUB_TOKEN });
 * const { limits } = await hub.request('{ limits { maxPageSize maxBatchSize } }');
 * ```
 */
export class DxhubClient {
  /** The client's settings, defaults applied. */
  readonly options: ResolvedClientOptions;
  /** Look-ups and search in the network directory. */
  readonly directory: Directory;
  /** Headcount, transfers of posts, positions and training. */
  readonly staffing: Staffing;
  /** Digital-transformation projects and their budgets. */
  readonly projects: Projects;
  /** Surveys sent down the network, their responses and results. */
  readonly surveys: Surveys;
  /** Cybersecurity incidents shared under the Traffic Light Protocol. */
  readonly incidents: Incidents;
  private readonly tokens: TokenSource;

  constructor(options: ClientOptions) {
    this.options = resolveClientOptions(options);
    this.tokens = new TokenSource(this.options.token);
    this.directory = new Directory(this);
    this.staffing = new Staffing(this);
    this.projects = new Projects(this);
    this.surveys = new Surveys(this);
    this.incidents = new Incidents(this);
  }

  /**
   * Returns a new client with some settings replaced; this one is unchanged. The new client asks
   * its token provider afresh.
   *
   * @example
   * ```ts
   * const inVietnamese = hub.withOptions({ locale: 'vi' });
   * ```
   */
  withOptions(overrides: Partial<ClientOptions>): DxhubClient {
    const { retry, headers, ...rest } = this.options;
    return new DxhubClient({
      ...rest,
      retry: { ...retry },
      headers: { ...headers },
      ...overrides,
    });
  }

  /**
   * Runs an operation and returns its data. Rejects with a {@link DxhubError} subclass when the
   * response carries any error; the error's `data` then contains what did resolve.
   *
   * @example
   * ```ts
   * const data = await hub.request(OrganizationDocument, { code: '01' });
   * console.log(data.organization?.name);
   * ```
   */
  async request<TResult, TVariables = Record<string, unknown>>(
    document: DocumentInput<TResult, TVariables>,
    ...args: VariablesAndOptions<TVariables>
  ): Promise<TResult> {
    const result = await this.execute(document, ...args);
    if (result.errors.length > 0) {
      throw errorFromGraphQL(result.errors, {
        requestId: result.requestId,
        data: result.data,
        attempts: result.attempts,
      });
    }
    return result.data;
  }

  /**
   * Runs an operation and returns its data with any field errors, so partial data can be used.
   * Rejects only when no data came back.
   *
   * @example
   * ```ts
   * const { data, errors } = await hub.execute(PersonDocument, { id });
   * if (errors.some((e) => e.extensions?.code === 'FORBIDDEN')) console.info('contact details withheld');
   * ```
   */
  async execute<TResult, TVariables = Record<string, unknown>>(
    document: DocumentInput<TResult, TVariables>,
    ...[variables, options = {}]: VariablesAndOptions<TVariables>
  ): Promise<ExecuteResult<TResult>> {
    checkRequestOptions(options);
    const prepared = prepareDocument(document, this.options.print, options.operationName);
    if (prepared.operationType === 'subscription') {
      throw new TypeError(
        '@dxhub/sdk: subscriptions are not supported; the hub serves queries and mutations',
      );
    }
    const idempotencyKey =
      prepared.operationType === 'mutation' && options.idempotencyKey !== false
        ? (options.idempotencyKey ?? randomId())
        : undefined;
    const mayRetry = prepared.operationType === 'query' || idempotencyKey !== undefined;
    const policy = resolveRetry(options.retry, this.options.retry);
    const body = JSON.stringify(
      {
        query: prepared.query,
        variables: variables ?? {},
        ...(options.operationName ? { operationName: options.operationName } : {}),
      },
      bigintReplacer,
    );
    return this.send<TResult>({ body, idempotencyKey, mayRetry, policy, options });
  }

  private async send<TResult>(call: {
    body: string;
    idempotencyKey: string | undefined;
    mayRetry: boolean;
    policy: Readonly<RetryPolicy>;
    options: RequestOptions;
  }): Promise<ExecuteResult<TResult>> {
    const { options, policy } = call;
    const requestId = randomId();
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const maxAttempts = call.mayRetry ? policy.maxAttempts : 1;
    let attempts = 0;
    let retries = 0;
    let refreshed = false;

    for (;;) {
      attempts += 1;
      const token = await this.tokens.get();
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
        'x-request-id': requestId,
        ...this.options.headers,
        ...(options.headers ?? {}),
      };
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (this.options.locale !== undefined) headers['accept-language'] = this.options.locale;
      if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;

      let outcome: AttemptOutcome<TResult>;
      try {
        const response = await sendAttempt({
          fetch: this.options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          url: this.options.url,
          headers,
          body: call.body,
          timeoutMs,
          signal: options.signal,
          requestId,
          attempts,
        });
        outcome = interpretResponse<TResult>(response, requestId, attempts);
      } catch (error) {
        const transient = error instanceof NetworkError || error instanceof TimeoutError;
        outcome = {
          kind: 'error',
          error: error as DxhubError,
          retryable: transient,
          unauthorized: false,
          retryAfterMs: undefined,
        };
      }
      if (outcome.kind === 'data') return outcome.result;

      if (outcome.unauthorized && this.tokens.canRefresh && !refreshed) {
        refreshed = true;
        await this.tokens.refresh(token);
        continue;
      }
      if (!outcome.retryable || retries + 1 >= maxAttempts) throw outcome.error;
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs)
        throw outcome.error;

      retries += 1;
      const delay = outcome.retryAfterMs ?? backoffDelay(retries, policy);
      try {
        await sleep(delay, options.signal);
      } catch (reason) {
        throw new RequestAbortedError({ cause: reason, requestId, attempts });
      }
    }
  }
}

/**
 * Creates a client for a dxhub gateway.
 *
 * @example
 * ```ts
 * import { createClient } from '@dxhub/sdk';
 *
 * const hub = createClient({
 *   url: 'http://127.0.0.1:4000/graphql',
 *   token: async ({ reason }) => (reason === 'refresh' ? renewToken() : currentToken()),
 *   locale: 'vi',
 * });
 * ```
 */
export function createClient(options: ClientOptions): DxhubClient {
  return new DxhubClient(options);
}
