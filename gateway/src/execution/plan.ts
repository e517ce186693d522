import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlanSelectionNode } from '@apollo/query-planner';
import {
  GraphQLError,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

type Path = (string | number)[];
/** A data source call made for a client's operation (not a health check). */
type IncomingOperation = Extract<
  GraphQLDataSourceProcessOptions,
  { incomingRequestContext: unknown }
>;
// @apollo/gateway does not export the enum of call kinds, so this repeats its value for such a call.
const INCOMING_OPERATION = 'incoming operation' as IncomingOperation['kind'];
/** The client request's context, as the gateway hands it to data sources. */
export type IncomingRequestContext = IncomingOperation['incomingRequestContext'];
type Entity = Record<string, unknown>;

/** Position of a plan node in the merged result: the objects at `path`, which the node reads and writes. */
interface Cursor {
  path: Path;
  data: unknown;
}

/** State that one execution of a plan shares between its nodes. */
export interface PlanRun {
  /** Supergraph schema in graphql-js form, for the type conditions of `requires`. */
  supergraph: GraphQLSchema;
  sources: ReadonlyMap<string, GraphQLDataSource>;
  requestContext: IncomingRequestContext;
  /** The merged result, which every fetch writes into. */
  result: Entity;
  /** Errors of the subgraph calls, with paths in the client's response. */
  errors: GraphQLError[];
}

/**
 * Checks whether this executor can run the plan: sequences, parallel groups, flattened entity
 * fetches and plain fetches. Plans with conditions (`@skip`/`@include` on variables), `@defer`,
 * subscriptions or data rewrites (interface objects, `@fromContext`) go to `@apollo/gateway`.
 */
export function isPlanSupported(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(isPlanSupported);
    case 'Flatten':
      return node.path.every((key) => typeof key === 'string') && isPlanSupported(node.node);
    case 'Fetch':
      return (
        !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length
      );
    default:
      return false;
  }
}

/** Runs one plan node. A fetch that throws adds its error to the run, and the other nodes continue. */
export async function runNode(run: PlanRun, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await runNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => runNode(run, child, cursor)));
      return;
    case 'Flatten': {
      const data = valuesAt(cursor.data, node.path as string[], 0);
      if (data === undefined || data === null) return;
      await runNode(run, node.node, { path: [...cursor.path, ...node.path], data });
      return;
    }
    case 'Fetch':
      try {
        await runFetch(run, node, cursor);
      } catch (error) {
        run.errors.push(error as GraphQLError);
      }
      return;
    default:
      throw new Error(`dxhub gateway: plan node ${node.kind} reached the plan runner`);
  }
}

/** Collects the values at a plan path, where `@` means every element of a list; lists are flattened. */
function valuesAt(value: unknown, path: readonly string[], from: number): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const key = path[from]!;
  if (key === '@') {
    const out: unknown[] = [];
    for (const element of value as unknown[]) {
      const inner = valuesAt(element, path, from + 1);
      if (Array.isArray(inner)) for (const item of inner) out.push(item);
      else out.push(inner);
    }
    return out;
  }
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${key}`);
  return valuesAt(
    Object.hasOwn(value as Entity, key) ? (value as Entity)[key] : undefined,
    path,
    from + 1,
  );
}

async function runFetch(run: PlanRun, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const entities: Entity[] = [];
  if (Array.isArray(cursor.data)) {
    for (const item of cursor.data)
      if (item !== null && item !== undefined) entities.push(item as Entity);
  } else entities.push(cursor.data as Entity);
  if (entities.length === 0) return;

  const variables: Record<string, unknown> = Object.create(null);
  const provided = run.requestContext.request.variables;
  if (fetch.variableUsages && provided)
    for (const name of fetch.variableUsages)
      if (Object.hasOwn(provided, name) && provided[name] !== undefined)
        variables[name] = provided[name];

  if (!fetch.requires) {
    const data = await send(run, fetch, cursor, variables);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }

  const representations: Entity[] = [];
  const targets: Entity[] = [];
  for (const entity of entities) {
    const representation = pick(run.supergraph, entity, fetch.requires);
    if (representation && representation.__typename) {
      representations.push(representation);
      targets.push(entity);
    }
  }
  if (representations.length === 0) return;
  if ('representations' in variables)
    throw new Error('Variables cannot contain key "representations"');
  variables.representations = representations;

  const data = await send(run, fetch, cursor, variables);
  if (!data) return;
  const received = data._entities;
  if (!Array.isArray(received))
    throw new Error('Expected "data._entities" in response to be an array');
  if (received.length !== representations.length)
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let index = 0; index < received.length; index++) {
    const entity = received[index] as Entity | null;
    const target = targets[index]!;
    if (entity && !entity.__typename) entity.__typename = target.__typename;
    deepMerge(target, entity);
  }
}

/** Calls the subgraph and records its errors under the client's paths. */
async function send(
  run: PlanRun,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Record<string, unknown>,
): Promise<Entity | null | undefined> {
  const source = run.sources.get(fetch.serviceName);
  if (!source) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const options: IncomingOperation = {
    kind: INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: run.requestContext,
    context: run.requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  };
  const response = await source.process(options);
  if (response.errors) {
    let entityPaths: Path[] | undefined;
    const pathOf = (errorPath: readonly (string | number)[] | undefined): Path | undefined => {
      if (fetch.requires && typeof errorPath?.[1] === 'number') {
        entityPaths ??= entityPathsAt(cursor.path, run.result);
        return [...(entityPaths[errorPath[1]] ?? []), ...errorPath.slice(2)];
      }
      return errorPath ? [...cursor.path, ...errorPath] : undefined;
    };
    for (const error of response.errors)
      run.errors.push(subgraphError(error, fetch.serviceName, pathOf));
  }
  return response.data as Entity | null | undefined;
}

/**
 * Lists the client-response paths of the objects that an entity fetch at `planPath` sent as
 * representations, in order. A subgraph error at `_entities.N` belongs to the N-th path.
 */
function entityPathsAt(planPath: readonly (string | number)[], result: unknown): Path[] {
  const paths: Path[] = [];
  const walk = (prefix: Path, from: number, data: unknown): void => {
    if (data === null || data === undefined) return;
    if (from === planPath.length) {
      paths.push([...prefix]);
      return;
    }
    const key = planPath[from]!;
    if (key === '@' || Array.isArray(data)) {
      if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
      const next = key === '@' ? from + 1 : from;
      data.forEach((item, index) => walk([...prefix, index], next, item));
      return;
    }
    if (Object.hasOwn(data as Entity, key as string))
      walk([...prefix, key], from + 1, (data as Entity)[key as string]);
  };
  walk([], 0, result);
  return paths;
}

/**
 * Builds the client's form of a subgraph error: its message and extensions, the subgraph's
 * name, and `DOWNSTREAM_SERVICE_ERROR` when the subgraph gave no code.
 */
function subgraphError(
  error: {
    message?: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  },
  serviceName: string,
  pathOf: (path: readonly (string | number)[] | undefined) => Path | undefined,
): GraphQLError {
  const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
  const extensions: Record<string, unknown> = { ...error.extensions, serviceName };
  if (typeof extensions.code !== 'string') extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(message, {
    originalError: error as Error,
    path: pathOf(error.path),
    extensions,
  });
}

/** Picks an entity's representation: the fields of `requires`, or null when one is missing. */
function pick(
  schema: GraphQLSchema,
  source: Entity | null,
  selections: readonly QueryPlanSelectionNode[],
): Entity | null {
  if (source === null) return null;
  const out: Entity = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = Object.hasOwn(source, name) ? source[name] : undefined;
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value))
        out[name] = inner ? value.map((item) => pick(schema, item as Entity | null, inner)) : value;
      else out[name] = inner ? pick(schema, value as Entity | null, inner) : value;
    } else if (selection.typeCondition && isOfType(schema, source, selection.typeCondition)) {
      deepMerge(out, pick(schema, source, selection.selections));
    }
  }
  return out;
}

function isOfType(schema: GraphQLSchema, object: Entity, condition: string): boolean {
  const typename = object.__typename;
  if (!typename) return false;
  if (typename === condition) return true;
  const type = schema.getType(typename as string);
  const conditionType = schema.getType(condition);
  if (!type || !conditionType || !isAbstractType(conditionType)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(conditionType, type);
}

function isPlainObject(value: unknown): value is Entity {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges a subgraph's data into the result: objects field by field, equal-length lists item by item. */
function deepMerge(target: Entity, source: Entity | null | undefined): void {
  if (source === null || source === undefined) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    if (!Object.hasOwn(target, key) && key in target)
      // An inherited name such as `__proto__` or `constructor` becomes an own field first.
      Object.defineProperty(target, key, {
        configurable: true,
        enumerable: true,
        writable: true,
        value: undefined,
      });
    const existing = target[key];
    if (existing && isPlainObject(value)) deepMerge(existing as Entity, value);
    else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        if (isPlainObject(existing[index]) && isPlainObject(item))
          deepMerge(existing[index] as Entity, item);
        else existing[index] = item;
      }
    } else target[key] = value;
  }
}
