import {
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ScopeClass } from './config.js';

/** The operations of one HTTP request: a single one, or the members of a batch. */
export interface RequestedOperation {
  query: unknown;
  operationName: unknown;
}

/** Reads the operations from a POST body (object or batch array) or from GET parameters. */
export function requestedOperations(body: unknown, search: URLSearchParams): RequestedOperation[] {
  if (Array.isArray(body))
    return body.map((item) => ({ query: item?.query, operationName: item?.operationName }));
  if (body && typeof body === 'object') {
    const { query, operationName } = body as Record<string, unknown>;
    return [{ query, operationName }];
  }
  return [
    {
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
    },
  ];
}

function selectsField(
  selectionSet: SelectionSetNode,
  fields: ReadonlySet<string>,
  fragments: ReadonlyMap<string, SelectionSetNode>,
  seen: Set<string>,
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (fields.has(selection.name.value)) return true;
      if (selection.selectionSet && selectsField(selection.selectionSet, fields, fragments, seen))
        return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsField(selection.selectionSet, fields, fragments, seen)) return true;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !seen.has(name)) {
        seen.add(name);
        if (selectsField(fragment, fields, fragments, seen)) return true;
      }
    }
  }
  return false;
}

function chooseOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (typeof operationName === 'string' && operationName)
    return operations.find((op) => op.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * Returns the scope class of one operation: `writes` for a mutation, `exports` for a query that selects
 * one of `exportFields` anywhere (fragments included), `reads` otherwise. A document that does
 * not parse, or names no runnable operation, counts as a read; GraphQL rejects it later.
 */
export function classifyOperation(
  operation: RequestedOperation,
  exportFields: ReadonlySet<string>,
): ScopeClass {
  if (typeof operation.query !== 'string') return 'reads';
  let document: DocumentNode;
  try {
    document = parse(operation.query, { noLocation: true });
  } catch {
    return 'reads';
  }
  const chosen = chooseOperation(document, operation.operationName);
  if (!chosen) return 'reads';
  if (chosen.operation === 'mutation') return 'writes';
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition.selectionSet);
  }
  return selectsField(chosen.selectionSet, exportFields, fragments, new Set())
    ? 'exports'
    : 'reads';
}
