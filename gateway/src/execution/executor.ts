import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { Logger } from '@dxhub/kit';
import {
  BREAK,
  GraphQLError,
  Kind,
  getOperationAST,
  getVariableValues,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../http/pipeline.js';
import { isPlanSupported, runNode } from './plan.js';
import { ResponseShape } from './shape.js';

type GatewayOption = NonNullable<ApolloServerOptionsWithGateway<GatewayContext>['gateway']>;
type Executor = Awaited<ReturnType<GatewayOption['load']>>['executor'];

/** An operation ready to run: its plan, how to shape its response, its variables. */
type Prepared =
  | { kind: 'delegate' }
  | {
      kind: 'run';
      node: PlanNode | undefined;
      shape: ResponseShape;
      variables: readonly VariableDefinitionNode[];
    };

const DELEGATE: Prepared = { kind: 'delegate' };

/** The state built from one supergraph; replaced when the gateway loads a new one. */
interface SupergraphState {
  readonly apiSchema: GraphQLSchema;
  readonly coreSupergraphSdl: string;
  /** Built on the first request, so a hub that serves none does not pay for a second planner. */
  planning?: {
    readonly supergraph: GraphQLSchema;
    readonly api: Schema;
    readonly planner: QueryPlanner;
  } | null;
  /** Keyed by Apollo Server's parsed document, which its document store keeps per query text. */
  readonly prepared: WeakMap<DocumentNode, Map<string, Prepared>>;
}

/**
 * Wraps `ApolloGateway` so that the hub runs query plans itself. The gateway still loads and
 * updates the supergraph, and runs what this executor hands back to it: operations with
 * introspection fields, `@skip`, `@include` or `@defer`, plans with rewrites, and requests for
 * traces or for the query plan.
 *
 * For every other operation it keeps the plan and a compiled response shape per parsed
 * document. `@apollo/gateway` instead rebuilds its operation and hashes the query on every
 * request, and it walks the operation once per object when it shapes the response.
 */
export function withPlanRunner(
  gateway: ApolloGateway,
  sources: ReadonlyMap<string, GraphQLDataSource>,
  logger: Logger,
): GatewayOption {
  let state: SupergraphState | null = null;
  let delegate: Executor | null = null;

  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    state = { apiSchema, coreSupergraphSdl, prepared: new WeakMap() };
  });

  const planning = (current: SupergraphState) => {
    if (current.planning === undefined) {
      try {
        const supergraph = Supergraph.build(current.coreSupergraphSdl, {
          validateSupergraph: false,
        });
        current.planning = {
          supergraph: supergraph.schema.toGraphQLJSSchema(),
          api: supergraph.apiSchema(),
          planner: new QueryPlanner(supergraph),
        };
      } catch (error) {
        logger.warn(
          { err: error },
          'query plans go through @apollo/gateway: the planner failed to build',
        );
        current.planning = null;
      }
    }
    return current.planning;
  };

  const prepare = (
    current: SupergraphState,
    document: DocumentNode,
    operationName?: string | null,
  ) => {
    let byName = current.prepared.get(document);
    if (!byName) {
      byName = new Map();
      current.prepared.set(document, byName);
    }
    const key = operationName ?? '';
    let prepared = byName.get(key);
    if (!prepared) {
      prepared = build(current, document, operationName ?? undefined);
      byName.set(key, prepared);
    }
    return prepared;
  };

  const build = (
    current: SupergraphState,
    document: DocumentNode,
    operationName?: string,
  ): Prepared => {
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation === 'subscription' || !isPlain(document)) return DELEGATE;
    const tools = planning(current);
    const rootType = current.apiSchema.getRootType(operation.operation);
    if (!tools || !rootType) return DELEGATE;
    try {
      const plan = tools.planner.buildQueryPlan(
        operationFromDocument(tools.api, document, { operationName }),
      );
      if (plan.node && !isPlanSupported(plan.node as PlanNode)) return DELEGATE;
      const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
      for (const definition of document.definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION)
          fragments[definition.name.value] = definition;
      return {
        kind: 'run',
        node: plan.node as PlanNode | undefined,
        shape: new ResponseShape(current.apiSchema, rootType, operation.selectionSet, fragments),
        variables: operation.variableDefinitions ?? [],
      };
    } catch {
      // The gateway's own executor plans the operation again and reports the error itself.
      return DELEGATE;
    }
  };

  const execute: Executor = async (requestContext) => {
    const current = state;
    const { request, document } = requestContext;
    if (
      !current ||
      !delegate ||
      requestContext.metrics?.captureTraces ||
      request.http?.headers.get('apollo-query-plan-experimental')
    )
      return delegate!(requestContext);
    const prepared = prepare(current, document, request.operationName);
    if (prepared.kind === 'delegate') return delegate(requestContext);

    if (prepared.variables.length > 0) {
      const { errors } = getVariableValues(
        current.apiSchema,
        prepared.variables,
        request.variables ?? {},
      );
      if (errors) return { errors };
    }

    const result: Record<string, unknown> = Object.create(null);
    const errors: GraphQLError[] = [];
    if (prepared.node)
      await runNode(
        { supergraph: current.planning!.supergraph, sources, requestContext, result, errors },
        prepared.node,
        { path: [], data: result },
      );
    let shaped: ReturnType<ResponseShape['apply']>;
    try {
      shaped = prepared.shape.apply(result);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      return {
        errors: [new GraphQLError((error as Error).message, { originalError: error as Error })],
      };
    }
    if (errors.length === 0)
      return shaped.errors.length > 0
        ? { extensions: { valueCompletion: shaped.errors }, data: shaped.data }
        : { data: shaped.data };
    return { errors, data: shaped.data };
  };

  return {
    async load(options) {
      const loaded = await gateway.load(options);
      delegate = loaded.executor;
      return { schema: loaded.schema, executor: execute };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}

/** Checks that an operation has neither directives nor introspection fields other than `__typename`. */
function isPlain(document: DocumentNode): boolean {
  let plain = true;
  visit(document, {
    Directive() {
      plain = false;
      return BREAK;
    },
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return plain;
}
