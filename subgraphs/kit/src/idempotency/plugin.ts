import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { SubgraphContext } from '../context.js';
import { DxError } from '../errors.js';
import type { Locale } from '../locale.js';
import { maskErrors } from '../subgraph.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  hashIdempotentRequest,
  purgeExpiredIdempotencyKeys,
  releaseIdempotencyKey,
  type IdempotencyKeyId,
} from './store.js';

/** Request header carrying the client's idempotency key. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Response header set on a response replayed from a stored key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** Timing of {@link useIdempotencyKeys}; every value is in milliseconds. */
export interface IdempotencyOptions {
  /** How long a completed key keeps its response and rejects other requests. Default 24 hours. */
  retentionMs?: number;
  /**
   * How long the first request may hold a key before another request with the same hash may
   * take it over. Default 5 minutes, far above any mutation's run time.
   */
  leaseMs?: number;
  /** How long a duplicate waits for the first request to finish before it gets a CONFLICT. Default 10 s. */
  waitMs?: number;
  /** Interval between two looks at a key held by another request. Default 50. */
  pollMs?: number;
  /** Minimum interval between two purges of expired keys. Default one minute. */
  purgeIntervalMs?: number;
}

const DEFAULTS: Required<IdempotencyOptions> = {
  retentionMs: 24 * 60 * 60 * 1000,
  leaseMs: 5 * 60 * 1000,
  waitMs: 10_000,
  pollMs: 50,
  purgeIntervalMs: 60_000,
};

/** Visible ASCII, 1 to 255 characters; a structured-field string in quotes is unwrapped first. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Codes after which nothing was changed, so the key is freed and a retry executes again:
 * a masked internal error (the resolver's transaction rolled back) and a rate limit.
 */
const TRANSIENT_CODES = new Set(['INTERNAL_SERVER_ERROR', 'RATE_LIMITED']);

const MESSAGES = {
  invalidKey: {
    en: 'use 1 to 255 visible ASCII characters, such as a UUID',
    vi: 'hãy dùng từ 1 đến 255 ký tự ASCII nhìn thấy được, ví dụ một UUID',
  },
  reused: {
    en: 'the Idempotency-Key {key} was already used with a different request; send a new key for a new request',
    vi: 'khóa Idempotency-Key {key} đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới',
  },
  inProgress: {
    en: 'a request with the Idempotency-Key {key} is still running; retry after {retryAfter} s',
    vi: 'yêu cầu với khóa Idempotency-Key {key} vẫn đang chạy; hãy thử lại sau {retryAfter} giây',
  },
} satisfies Record<string, Record<Locale, string>>;

function reason(
  template: Record<Locale, string>,
  locale: Locale,
  params: Record<string, string | number>,
): string {
  return template[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    String(params[name] ?? whole),
  );
}

/** Reads the key from the header, unwrapping a quoted structured-field string. */
function parseKey(header: string): string {
  const trimmed = header.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

/** True when the response changed nothing: every error is transient and no root field has data. */
function changedNothing(result: FormattedExecutionResult): boolean {
  const errors = result.errors ?? [];
  if (errors.length === 0) return false;
  if (!errors.every((error) => TRANSIENT_CODES.has(String(error.extensions?.code)))) return false;
  return Object.values(result.data ?? {}).every((value) => value === null || value === undefined);
}

/** Wait in seconds sent as `retryAfter` to a duplicate whose first request is still running. */
const IN_PROGRESS_RETRY_AFTER_S = 1;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes mutations sent with an `Idempotency-Key` header apply once. The first request claims the
 * key in the subgraph's database together with a hash of the request; its response is stored when
 * it is sent. A retry with the same key and the same request receives the stored response without
 * executing, and with a different request it receives `CONFLICT`. A duplicate that arrives while
 * the first still runs waits for its response, up to `waitMs`. Queries ignore the header.
 *
 * NOTE: the key and the mutation are written in separate transactions. If the process dies after
 * the mutation commits and before its response is stored, a retry after `leaseMs` executes again.
 */
export function useIdempotencyKeys(
  subgraph: string,
  options: IdempotencyOptions = {},
): ApolloServerPlugin<SubgraphContext> {
  const settings = { ...DEFAULTS, ...options };
  let lastPurge = 0;

  return {
    async requestDidStart() {
      let claimedKey: { id: IdempotencyKeyId; requestHash: string } | undefined;
      let replay: GraphQLResponse | undefined;

      return {
        async didResolveOperation({ operation, request, contextValue }) {
          const header = contextValue.headers[IDEMPOTENCY_KEY_HEADER];
          if (operation?.operation !== 'mutation' || header === undefined) return;

          const locale = contextValue.locale;
          const key = parseKey(header);
          if (!KEY_PATTERN.test(key)) {
            throw new DxError('BAD_USER_INPUT', {
              locale,
              params: { field: 'Idempotency-Key', reason: MESSAGES.invalidKey[locale] },
              extensions: { field: 'Idempotency-Key' },
            });
          }

          const database = contextValue.database;
          if (Date.now() - lastPurge > settings.purgeIntervalMs) {
            lastPurge = Date.now();
            const purged = await purgeExpiredIdempotencyKeys(database, subgraph);
            if (purged > 0)
              contextValue.logger.debug({ purged }, 'expired idempotency keys purged');
          }

          const id: IdempotencyKeyId = {
            subgraph,
            clientId: contextValue.caller?.claims.clientId ?? '',
            subject: contextValue.caller?.subject ?? '',
            key,
          };
          const requestHash = hashIdempotentRequest(request);
          const deadline = Date.now() + settings.waitMs;

          for (;;) {
            if (await claimIdempotencyKey(database, id, requestHash, settings)) {
              claimedKey = { id, requestHash };
              return;
            }
            const stored = await findIdempotencyKey(database, id);
            if (!stored) continue;
            if (stored.requestHash !== requestHash) {
              contextValue.logger.info(
                { idempotencyKey: key },
                'idempotency key reused with a different request',
              );
              throw new DxError('CONFLICT', {
                locale,
                params: { reason: reason(MESSAGES.reused, locale, { key }) },
                extensions: { reason: 'IDEMPOTENCY_KEY_REUSED' },
              });
            }
            if (stored.status === 'COMPLETED' && stored.responseBody !== null) {
              contextValue.logger.info(
                { idempotencyKey: key },
                'mutation response replayed from its idempotency key',
              );
              replay = {
                http: {
                  status: stored.httpStatus ?? undefined,
                  headers: new HeaderMap([[IDEMPOTENT_REPLAYED_HEADER, 'true']]),
                },
                body: {
                  kind: 'single',
                  singleResult: JSON.parse(stored.responseBody) as FormattedExecutionResult,
                },
              };
              return;
            }
            if (Date.now() >= deadline) {
              const retryAfter = IN_PROGRESS_RETRY_AFTER_S;
              throw new DxError('CONFLICT', {
                locale,
                params: { reason: reason(MESSAGES.inProgress, locale, { key, retryAfter }) },
                extensions: { reason: 'IDEMPOTENCY_KEY_IN_PROGRESS', retryAfter },
              });
            }
            await sleep(settings.pollMs);
          }
        },

        async responseForOperation() {
          return replay ?? null;
        },

        async willSendResponse({ response, contextValue }) {
          if (!claimedKey || response.body.kind !== 'single') return;
          const { id, requestHash } = claimedKey;
          claimedKey = undefined;
          const result = response.body.singleResult;
          const errors: GraphQLFormattedError[] | undefined = result.errors
            ? maskErrors(result.errors, contextValue)
            : undefined;
          const sent: FormattedExecutionResult = { ...result, ...(errors ? { errors } : {}) };
          try {
            if (changedNothing(sent)) {
              await releaseIdempotencyKey(contextValue.database, id, requestHash);
              return;
            }
            await completeIdempotencyKey(contextValue.database, id, requestHash, {
              body: JSON.stringify(sent),
              httpStatus: response.http.status ?? 200,
            });
          } catch (error) {
            // The client still gets its response; the key stays held until its lease ends.
            contextValue.logger.error(
              { err: error, idempotencyKey: id.key },
              'storing the idempotent response failed',
            );
          }
        },
      };
    },
  };
}
