import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type DirectiveNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { DxError } from '../errors.js';
import type { SubgraphContext } from '../context.js';

/**
 * Access requirement of a field: whether it needs a token, and the scope requirements from each
 * `@requiresScopes` on the field, its parent type and its return type. Every requirement must be met; each one is a
 * list of alternatives (OR) of scope sets (AND), as `@requiresScopes(scopes: [[...]])` writes it.
 */
interface Requirement {
  authenticated: boolean;
  scopes: string[][][];
}

function literalStrings(value: ValueNode): string[][] {
  if (value.kind !== 'ListValue') return [];
  return value.values.map((inner) =>
    inner.kind === 'ListValue'
      ? inner.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []))
      : [],
  );
}

function collect(directives: readonly DirectiveNode[] | undefined, into: Requirement): void {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name === 'authenticated') into.authenticated = true;
    if (name === 'requiresScopes') {
      const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
      if (argument) {
        into.authenticated = true;
        into.scopes.push(literalStrings(argument.value));
      }
    }
  }
}

function requirementOf(
  schema: GraphQLSchema,
  typeName: string,
  field: GraphQLField<unknown, unknown>,
): Requirement {
  const requirement: Requirement = { authenticated: false, scopes: [] };
  const parent = schema.getType(typeName);
  collect(parent?.astNode?.directives, requirement);
  for (const extension of parent?.extensionASTNodes ?? [])
    collect(extension.directives, requirement);
  collect(field.astNode?.directives, requirement);
  const returned = getNamedType(field.type);
  collect(returned.astNode?.directives, requirement);
  return requirement;
}

/**
 * Enforces the federation `@authenticated` and `@requiresScopes` directives inside the
 * subgraph, because a subgraph can be reached without the gateway. A field the caller may not
 * see throws, so it resolves to null with the error at its path and the rest of the response
 * is still returned, as the Apollo Router does.
 */
export function enforceAccessDirectives(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const requirement = requirementOf(schema, type.name, field);
      if (!requirement.authenticated) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const requirements = requirement.scopes;
      field.resolve = (source, args, context: SubgraphContext, info) => {
        const caller = context.caller;
        if (!caller) {
          throw new DxError('UNAUTHENTICATED', {
            locale: context.locale,
            params: {
              reason:
                context.locale === 'vi'
                  ? 'trường này cần mã thông báo'
                  : 'this field needs a token',
            },
            extensions: { reason: 'TOKEN_MISSING' },
          });
        }
        const unmet = requirements.find(
          (alternatives) => !alternatives.some((set) => set.every((s) => caller.hasScope(s))),
        );
        if (unmet) {
          const needed = unmet.map((set) => set.join(' + ')).join(' or ');
          throw new DxError('FORBIDDEN', {
            locale: context.locale,
            params: {
              reason:
                context.locale === 'vi'
                  ? `trường ${type.name}.${field.name} cần phạm vi ${needed}`
                  : `${type.name}.${field.name} needs scope ${needed}`,
            },
            extensions: { reason: 'SCOPE_MISSING', requiredScopes: unmet },
          });
        }
        return resolve(source, args, context, info);
      };
    }
  }
}
