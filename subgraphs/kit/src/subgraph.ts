import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { appendAuditEvents, auditMigrations, type AuditEventInput } from './audit/log.js';
import { AuditTrail } from './audit/trail.js';
import { Caller } from './auth/caller.js';
import { enforceAccessDirectives } from './auth/directives.js';
import type { TokenVerifier } from './auth/keys.js';
import { TokenError } from './auth/token.js';
import type { SubgraphContext } from './context.js';
import type { Database } from './db/database.js';
import { migrate, type MigrationResult, type MigrationSet } from './db/migrate.js';
import { DxError, formatMessage, isKnownErrorCode } from './errors.js';
import { localizeGraphQLMessage } from './graphql-messages.js';
import { idempotencyMigrations } from './idempotency/store.js';
import { useIdempotencyKeys } from './idempotency/plugin.js';
import { negotiateLocale } from './locale.js';
import { useInputHygiene } from './input.js';
import { useRequestLog } from './observability/requestLog.js';
import type { Logger } from './logger.js';

/** A subgraph package's description of itself; the kit turns it into a running service. */
export interface SubgraphModule<TLoaders = unknown> {
  /** Short name, also the PostgreSQL schema: `network`, `staffing`, ... */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  migrations: MigrationSet[];
  /** Creates the per-request DataLoaders. */
  createLoaders(context: Omit<SubgraphContext<TLoaders>, 'loaders'>): TLoaders;
  /** Runs after migrations at every start; must be idempotent. */
  seed?(database: Database, logger: Logger): Promise<void>;
}

export interface SubgraphDependencies {
  database: Database;
  logger: Logger;
  verifier: TokenVerifier;
  /** Where audit events go; the main database when unset. */
  auditDatabase?: Database;
}

export interface SubgraphRuntime {
  name: string;
  schema: GraphQLSchema;
  apollo: ApolloServer<SubgraphContext>;
  /** Builds the request context from headers; throws {@link TokenError} for a bad token. */
  contextFor(headers: Record<string, string>): Promise<SubgraphContext>;
  stop(): Promise<void>;
}

/** Error codes produced by Apollo Server itself that clients may see as they are. */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Keeps coded errors and replaces every other error's message with a generic one carrying the
 * request id, so no stack, SQL or parameter reaches a client. The original is logged. A coded
 * error's message from graphql-js (parse, validation, variable coercion) is translated for
 * Vietnamese requests and left in English otherwise.
 */
export function maskErrors(
  errors: readonly GraphQLFormattedError[],
  context: Pick<SubgraphContext, 'locale' | 'requestId'>,
): GraphQLFormattedError[] {
  return errors.map((error) => {
    const code = error.extensions?.code;
    if (isKnownErrorCode(code) || (typeof code === 'string' && PASS_THROUGH_CODES.has(code))) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = error.extensions ?? {};
      return {
        ...error,
        message: localizeGraphQLMessage(error.message, context.locale),
        extensions,
      };
    }
    return {
      message: formatMessage('INTERNAL_SERVER_ERROR', context.locale, {
        requestId: context.requestId,
      }),
      ...(error.path ? { path: error.path } : {}),
      ...(error.locations ? { locations: error.locations } : {}),
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        requestId: context.requestId,
        http: { status: 500 },
      },
    };
  });
}

/** Turns a finished request's audit notes, and the mutation itself, into events to append. */
function auditEventsOf(
  subgraph: string,
  context: SubgraphContext,
  isMutation: boolean,
  operationName: string | null,
  errors: readonly GraphQLFormattedError[] | undefined,
): AuditEventInput[] {
  const caller = context.caller;
  if (!caller) return [];
  const base = {
    subject: caller.subject,
    orgCode: caller.orgCode,
    clientId: caller.claims.clientId,
    subgraph,
    operationName,
    requestId: context.requestId,
  };
  const events: AuditEventInput[] = [];
  if (isMutation) {
    const codes = (errors ?? []).map((e) => e.extensions?.code);
    const outcome =
      codes.length === 0
        ? 'SUCCESS'
        : codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED')
          ? 'DENIED'
          : 'ERROR';
    events.push({
      ...base,
      action: 'MUTATION',
      recordIds: context.audit.idsFor('MUTATION'),
      outcome,
    });
  }
  for (const action of ['PII_READ', 'RESTRICTED_READ'] as const) {
    const recordIds = context.audit.idsFor(action);
    if (recordIds.length > 0) events.push({ ...base, action, recordIds, outcome: 'SUCCESS' });
  }
  return events;
}

function errorPlugin(name: string, auditDatabase: Database): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (
              isKnownErrorCode(code) ||
              (typeof code === 'string' && PASS_THROUGH_CODES.has(code))
            ) {
              contextValue.logger.info({ code, path: error.path }, 'request error');
            } else {
              contextValue.logger.error(
                { err: error.originalError ?? error, path: error.path, subgraph: name },
                'unexpected error',
              );
            }
          }
        },
        async willSendResponse({ contextValue, response, operation, operationName }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const events = auditEventsOf(
            name,
            contextValue,
            operation?.operation === 'mutation',
            operationName ?? null,
            result?.errors,
          );
          // Decree 13/2023/NĐ-CP: reads of personal data are logged; the append finishes before
          // the client sees the data.
          await appendAuditEvents(auditDatabase, events);
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = maskErrors(
              response.body.singleResult.errors,
              contextValue,
            );
          }
        },
      };
    },
  };
}

/** Runs a subgraph's migrations; returns what each set applied. */
export async function migrateSubgraph(
  module: Pick<SubgraphModule, 'migrations'>,
  database: Database,
): Promise<MigrationResult[]> {
  const results: MigrationResult[] = [];
  for (const set of module.migrations) results.push(await migrate(database, set));
  return results;
}

/**
 * Migrates, seeds and builds one subgraph: schema with enforced access directives, an Apollo
 * Server that masks internal errors, and the context builder the HTTP server and the
 * in-process gateway both use.
 */
export async function startSubgraph<TLoaders>(
  module: SubgraphModule<TLoaders>,
  deps: SubgraphDependencies,
  options: { migrate?: boolean } = {},
): Promise<SubgraphRuntime> {
  const logger = deps.logger.child({ subgraph: module.name });
  const auditDatabase = deps.auditDatabase ?? deps.database;
  if (options.migrate !== false) {
    await migrate(auditDatabase, auditMigrations);
    await migrate(deps.database, idempotencyMigrations);
    for (const result of await migrateSubgraph(module, deps.database)) {
      if (result.applied.length > 0) logger.info({ applied: result.applied }, 'migrations applied');
    }
  }
  if (module.seed) await module.seed(deps.database, logger);

  const schema = buildSubgraphSchema([
    { typeDefs: module.typeDefs, resolvers: module.resolvers as GraphQLResolverMap<unknown> },
  ]);
  enforceAccessDirectives(schema);

  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The process that runs the subgraph decides when to stop, because `dxhub start` drains
    // first. Apollo Server would otherwise stop itself on SIGTERM or SIGINT.
    stopOnTerminationSignals: false,
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins: [
      errorPlugin(module.name, auditDatabase),
      useInputHygiene(),
      useIdempotencyKeys(module.name),
      useRequestLog(),
      // Federated tracing (ftv1) serves Apollo's hosted reporting, which this hub does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // No schema carries cache hints. Apollo Server's default cache-control plugin would still
      // wrap every field resolver to compute a policy, which is per-field work on lists of 500.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const contextFor = async (headers: Record<string, string>): Promise<SubgraphContext> => {
    const requestId = headers['x-request-id'] || randomUUID();
    const locale = negotiateLocale(headers['accept-language']);
    const claims = await deps.verifier.verify(headers.authorization);
    const caller = new Caller(claims, deps.database.db);
    const base = {
      requestId,
      locale,
      caller,
      db: deps.database.db,
      database: deps.database,
      headers,
      audit: new AuditTrail(),
      logger: logger.child({
        requestId,
        org: claims.orgCode,
        ...(headers.traceparent ? { traceparent: headers.traceparent } : {}),
      }),
    };
    return { ...base, loaders: module.createLoaders(base) };
  };

  return {
    name: module.name,
    schema,
    apollo: apollo as unknown as ApolloServer<SubgraphContext>,
    contextFor,
    stop: () => apollo.stop(),
  };
}

/** Runs one operation against a subgraph with the given headers, as the in-process gateway does. */
export async function executeOnSubgraph(
  runtime: SubgraphRuntime,
  request: Pick<GraphQLRequest, 'query' | 'variables' | 'operationName'>,
  headers: Record<string, string>,
): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }> {
  let contextValue: SubgraphContext;
  try {
    contextValue = await runtime.contextFor(headers);
  } catch (error) {
    if (error instanceof TokenError) {
      const locale = negotiateLocale(headers['accept-language']);
      const dx = new DxError('UNAUTHENTICATED', {
        locale,
        params: { reason: error.describe(locale) },
        extensions: { reason: error.reason },
      });
      return { errors: [dx.toJSON()] };
    }
    throw error;
  }
  const response = await runtime.apollo.executeOperation(request, { contextValue });
  if (response.body.kind !== 'single')
    throw new Error('dxhub kit: incremental delivery is not supported');
  return {
    data: response.body.singleResult.data ?? null,
    ...(response.body.singleResult.errors ? { errors: response.body.singleResult.errors } : {}),
  };
}
