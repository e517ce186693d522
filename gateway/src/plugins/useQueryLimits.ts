import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DxError, type Locale } from '@dxhub/kit';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type ASTNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { QueryLimits } from '../config.js';
import { describeLimitViolation, type LimitName } from '../errors.js';
import type { GatewayPlugin, HttpExchange } from '../http/pipeline.js';
import { sendGraphQLError } from '../http/pipeline.js';

/** Extensions a limit violation carries until `willSendResponse` turns it into a coded error. */
interface LimitViolation {
  limit: LimitName;
  max: number;
  found: number | null;
}

function limitError(violation: LimitViolation, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(`${violation.limit} limit of ${violation.max} exceeded`, {
    ...(nodes ? { nodes } : {}),
    extensions: { limitViolation: violation },
  });
}

function codedLimitError(violation: LimitViolation, locale: Locale): DxError {
  return new DxError('QUERY_LIMIT_EXCEEDED', {
    locale,
    params: describeLimitViolation(violation.limit, violation.max, violation.found, locale),
    extensions: {
      limit: violation.limit,
      max: violation.max,
      ...(violation.found !== null ? { found: violation.found } : {}),
    },
  });
}

/**
 * Adapts a graphql-armor rule: instead of throwing out of validation, it reports a violation that
 * carries the limit. graphql-armor 2.x gives the count only in its message ("..., found 7."), so
 * it is read from there. A changed wording leaves `found` null, never a wrong number.
 */
function armorHandlers(limit: LimitName, max: number) {
  return {
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    onAccept: [],
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        context?.reportError(limitError({ limit, max, found: found ? Number(found) : null }));
      },
    ],
  };
}

/** Counts the fields selected at the root of each operation, fragments expanded. */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => {
    const count = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) total += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT)
          total += count(selection.selectionSet, seen);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) total += count(fragment.selectionSet, seen);
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const found = count(node.selectionSet, new Set());
        if (found > max)
          context.reportError(limitError({ limit: 'ROOT_FIELDS', max, found }, [node]));
      },
    };
  };
}

/**
 * Counts lexical tokens up to `max + 1`; a syntax error stops the count, and the parser reports
 * it later. Counting before parsing keeps a huge document from being parsed at all.
 */
function countTokens(query: string, max: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) break;
    }
  } catch {
    // A lexing error is a parse failure, reported by the GraphQL pipeline with its location.
  }
  return count;
}

/** Lists the operations of a request: one for GET and plain POST, several for a batched POST. */
function operationsOf(exchange: HttpExchange): unknown[] {
  if (exchange.method === 'GET') return [{ query: exchange.url.searchParams.get('query') }];
  return Array.isArray(exchange.body) ? exchange.body : [exchange.body];
}

function queryOf(operation: unknown): string | null {
  if (!operation || typeof operation !== 'object') return null;
  const query = (operation as { query?: unknown }).query;
  return typeof query === 'string' ? query : null;
}

/**
 * Applies abuse limits to every GraphQL request before planning, rejecting with
 * `QUERY_LIMIT_EXCEEDED`, `extensions.limit` and `extensions.requestId`: batch size and lexical
 * tokens at the HTTP level (before parsing), then depth, aliases and directives (graphql-armor
 * rules) and root fields as validation rules, whose results Apollo Server caches per document.
 * With `maxBatchSize` 1, batching is off and any JSON array is rejected here as `BATCH_SIZE`,
 * before Apollo Server would reject it with its own uncoded `BAD_REQUEST`.
 */
export function useQueryLimits(limits: QueryLimits): GatewayPlugin {
  const reject = (exchange: HttpExchange, violation: LimitViolation): void => {
    exchange.logger.info(
      { limit: violation.limit, max: violation.max, found: violation.found },
      'query limit exceeded',
    );
    sendGraphQLError(exchange, codedLimitError(violation, exchange.locale));
  };

  return {
    name: 'queryLimits',
    http: async (exchange, next) => {
      const operations = operationsOf(exchange);
      const batchingOff = limits.maxBatchSize <= 1 && Array.isArray(exchange.body);
      if (batchingOff || operations.length > limits.maxBatchSize) {
        return reject(exchange, {
          limit: 'BATCH_SIZE',
          max: limits.maxBatchSize,
          found: operations.length,
        });
      }
      for (const operation of operations) {
        const query = queryOf(operation);
        if (query === null) continue;
        const found = countTokens(query, limits.maxTokens);
        if (found > limits.maxTokens) {
          return reject(exchange, { limit: 'TOKENS', max: limits.maxTokens, found: null });
        }
      }
      await next();
    },
    validationRules: [
      // Fragments add no level to the response, so they add none to the depth either.
      maxDepthRule({ ...armorHandlers('DEPTH', limits.maxDepth), flattenFragments: true }),
      maxAliasesRule(armorHandlers('ALIASES', limits.maxAliases)),
      maxDirectivesRule(armorHandlers('DIRECTIVES', limits.maxDirectives)),
      maxRootFieldsRule(limits.maxRootFields),
    ],
    apollo: {
      async requestDidStart() {
        return {
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            if (!result.errors?.some((error) => error.extensions?.limitViolation)) return;
            result.errors = result.errors.map((error): GraphQLFormattedError => {
              const violation = error.extensions?.limitViolation as LimitViolation | undefined;
              if (!violation) return error;
              const coded = codedLimitError(violation, contextValue.locale).toJSON();
              return {
                ...coded,
                ...(error.locations ? { locations: error.locations } : {}),
                extensions: { ...coded.extensions, requestId: contextValue.requestId },
              };
            });
          },
        };
      },
    },
  };
}
