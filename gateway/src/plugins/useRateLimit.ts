import { DxError, type Locale } from '@dxhub/kit';
import type { GatewayPlugin } from '../http/pipeline.js';
import { sendGraphQLError } from '../http/pipeline.js';
import {
  classifyOperation,
  requestedOperations,
  type RequestedOperation,
} from '../ratelimit/classify.js';
import type { RateLimitConfig, RateRule, ScopeClass } from '../ratelimit/config.js';
import {
  MemoryRateLimitStore,
  type BucketDraw,
  type BucketRule,
  type RateLimitStore,
} from '../ratelimit/store.js';

export interface RateLimitOptions {
  config: RateLimitConfig;
  /** Storage of bucket levels: this process's memory unless a shared store is given. */
  store?: RateLimitStore;
  /** Clock in milliseconds, replaceable in tests. */
  now?: () => number;
}

/** Operations whose scope class is remembered; the cache is emptied when it is full. */
const CLASSIFIED_CACHE_SIZE = 1000;
/** Longest document cached, in characters; longer ones are classified on every request. */
const MAX_CACHED_QUERY_LENGTH = 8192;

/**
 * Returns `classifyOperation` with a bounded cache. Clients send the same few documents again
 * and again, and parsing each one on every request showed in CPU profiles of the gateway under
 * load.
 */
function cachedClassifier(
  exportFields: ReadonlySet<string>,
): (operation: RequestedOperation) => ScopeClass {
  const classes = new Map<string, ScopeClass>();
  return (operation) => {
    const { query, operationName } = operation;
    if (typeof query !== 'string' || query.length > MAX_CACHED_QUERY_LENGTH) {
      return classifyOperation(operation, exportFields);
    }
    const key = JSON.stringify([typeof operationName === 'string' ? operationName : null, query]);
    let scopeClass = classes.get(key);
    if (scopeClass === undefined) {
      scopeClass = classifyOperation(operation, exportFields);
      if (classes.size >= CLASSIFIED_CACHE_SIZE) classes.clear();
      classes.set(key, scopeClass);
    }
    return scopeClass;
  };
}

function bucketRule(rule: RateRule): BucketRule {
  return { capacity: rule.burst, refillPerSecond: rule.perMinute / 60 };
}

/** One bucket a request draws from, with what the error message needs to name it. */
interface CallerDraw extends BucketDraw {
  scopeClass: ScopeClass;
  limit: 'subject' | 'organization';
  /** The subject or organisation code the bucket belongs to. */
  owner: string;
}

function describeBucket(draw: CallerDraw, locale: Locale): string {
  if (draw.limit === 'organization')
    return locale === 'vi' ? `tổ chức ${draw.owner}` : `organisation ${draw.owner}`;
  return locale === 'vi'
    ? `người dùng ${draw.owner} của mã thông báo`
    : `token subject ${draw.owner}`;
}

/** Counts rejections per bucket and logs the first of each minute, with the number left unlogged. */
class RejectionLog {
  private readonly lastLogged = new Map<string, { atMs: number; suppressed: number }>();

  shouldLog(key: string, nowMs: number): { log: boolean; suppressed: number } {
    const entry = this.lastLogged.get(key);
    if (entry && nowMs - entry.atMs < 60_000) {
      entry.suppressed += 1;
      return { log: false, suppressed: 0 };
    }
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(key, { atMs: nowMs, suppressed: 0 });
    return { log: true, suppressed: entry?.suppressed ?? 0 };
  }
}

/**
 * Limits each caller with token buckets, one per token subject (`sub`) and one per organisation
 * (`org`) for each scope class: reads, writes (mutations) and exports. A request draws one token
 * per operation (a batch draws one per member) from both of its buckets, or from neither. A
 * caller short of tokens gets HTTP 429 with `Retry-After` in seconds and a `RATE_LIMITED` error
 * whose extensions carry `retryAfter`, `scopeClass` and `limit` (`subject` or `organization`).
 * Runs after the token and body are read, so only verified callers are counted.
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin {
  const { config } = options;
  const store = options.store ?? new MemoryRateLimitStore();
  const now = options.now ?? Date.now;
  const exportFields = new Set(config.exportFields);
  const rejections = new RejectionLog();
  const classify = cachedClassifier(exportFields);

  return {
    name: 'rateLimit',
    http: async (exchange, next) => {
      const claims = exchange.claims;
      if (!config.enabled || !claims || exchange.url.pathname !== '/graphql') return next();

      const costs = new Map<ScopeClass, number>();
      for (const operation of requestedOperations(exchange.body, exchange.url.searchParams)) {
        const scopeClass = classify(operation);
        costs.set(scopeClass, (costs.get(scopeClass) ?? 0) + 1);
      }
      const draws: CallerDraw[] = [];
      for (const [scopeClass, cost] of costs) {
        const rules = config.rules[scopeClass];
        const subject = claims.subject;
        const org = claims.orgCode;
        draws.push({
          key: `sub|${scopeClass}|${subject}`,
          rule: bucketRule(rules.subject),
          cost,
          scopeClass,
          limit: 'subject',
          owner: subject,
        });
        draws.push({
          key: `org|${scopeClass}|${org}`,
          rule: bucketRule(rules.organization),
          cost,
          scopeClass,
          limit: 'organization',
          owner: org,
        });
      }

      const nowMs = now();
      const result = await store.draw(draws, nowMs);
      if (result.allowed) return next();

      const limited = draws.find((draw) => draw.key === result.limitedBy?.key) ?? draws[0];
      if (!limited) return next();
      const retryAfter = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      const logDecision = rejections.shouldLog(limited.key, nowMs);
      if (logDecision.log) {
        exchange.logger.warn(
          {
            scopeClass: limited.scopeClass,
            limit: limited.limit,
            retryAfter,
            suppressedSinceLastLog: logDecision.suppressed,
          },
          'request rate limited',
        );
      }
      sendGraphQLError(
        exchange,
        new DxError('RATE_LIMITED', {
          locale: exchange.locale,
          params: { subject: describeBucket(limited, exchange.locale), retryAfter },
          extensions: { retryAfter, scopeClass: limited.scopeClass, limit: limited.limit },
        }),
        { 'retry-after': String(retryAfter) },
      );
    },
  };
}
