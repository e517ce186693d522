import { DxError } from '@dxhub/kit';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayPlugin } from '../http/pipeline.js';
import {
  unmetScopes,
  type AccessRequirements,
  type ScopeAlternatives,
} from '../supergraph/requirements.js';

interface Walk {
  schema: GraphQLSchema;
  requirements: AccessRequirements;
  scopes: readonly string[];
  fragments: Map<string, FragmentDefinitionNode>;
  /** Unmet requirements met on the way, for the error message. */
  unmet: Map<string, ScopeAlternatives>;
}

/**
 * Tells whether any field of a selection set can resolve for the caller. A field whose scope
 * requirement is unmet resolves to null in the subgraph, so it and everything under it is
 * unreachable. `__typename` and introspection fields are always reachable.
 */
function anyReachable(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  visiting: Set<string>,
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (
        type &&
        isCompositeType(type) &&
        anyReachable(walk, selection.selectionSet, type, visiting)
      )
        return true;
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      visiting.add(name);
      const reachable =
        type && isCompositeType(type) && anyReachable(walk, fragment.selectionSet, type, visiting);
      visiting.delete(name);
      if (reachable) return true;
      continue;
    }

    const fieldName = selection.name.value;
    if (fieldName.startsWith('__')) return true;
    // Unions have no fields of their own, and an unknown field is left for validation to report.
    if (!isObjectType(parent) && !isInterfaceType(parent)) return true;
    const field = parent.getFields()[fieldName];
    if (!field) return true;
    const returnType = getNamedType(field.type);
    const unmet = unmetScopes(
      walk.requirements.forField(parent.name, fieldName, returnType.name),
      walk.scopes,
    );
    if (unmet) {
      walk.unmet.set(`${parent.name}.${fieldName}`, unmet);
      continue;
    }
    if (!selection.selectionSet || !isCompositeType(returnType)) return true;
    if (anyReachable(walk, selection.selectionSet, returnType, visiting)) return true;
  }
  return false;
}

/** Supplies the current requirement map, which changes when the supergraph is reloaded. */
export interface ScopeGateSource {
  requirements(): AccessRequirements;
}

/**
 * Rejects, before planning, an operation in which every selected field needs a scope the token
 * lacks, with 403 `FORBIDDEN` (`extensions.reason` `SCOPE_MISSING` and the scopes each field
 * needs). Such an operation could only return nulls and errors, so no subgraph is called. An
 * operation with at least one reachable field goes on, and the subgraphs null the rest field
 * by field.
 */
export function useScopeGate(source: ScopeGateSource): GatewayPlugin {
  return {
    name: 'scopeGate',
    apollo: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, document, schema, contextValue }) {
            if (!operation) return;
            const walk: Walk = {
              schema,
              requirements: source.requirements(),
              scopes: contextValue.claims.scopes,
              fragments: fragmentsOf(document),
              unmet: new Map(),
            };
            const root = schema.getRootType(operation.operation);
            if (!root || anyReachable(walk, operation.selectionSet, root, new Set())) return;

            const required = Object.fromEntries(walk.unmet);
            const needed = [...walk.unmet.entries()]
              .map(
                ([field, alternatives]) =>
                  `${field}: ${alternatives.map((set) => set.join(' + ')).join(' or ')}`,
              )
              .join('; ');
            contextValue.logger.info(
              { required },
              'operation rejected: no field is within the token scopes',
            );
            throw new DxError('FORBIDDEN', {
              locale: contextValue.locale,
              params: {
                reason:
                  contextValue.locale === 'vi'
                    ? `mã thông báo không có phạm vi cho trường nào của thao tác này (${needed})`
                    : `the token has no scope for any field of this operation (${needed})`,
              },
              extensions: { reason: 'SCOPE_MISSING', requiredScopes: required },
            });
          },
        };
      },
    },
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
}
