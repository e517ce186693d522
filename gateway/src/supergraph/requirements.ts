import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
} from 'graphql';

/**
 * One `@requiresScopes` argument: alternatives (any one suffices), each a set of scopes that
 * must all be held, as `@requiresScopes(scopes: [["a", "b"], ["c"]])` writes it.
 */
export type ScopeAlternatives = string[][];

/** Requirement the supergraph sets on a caller before one field may resolve. */
export interface FieldRequirement {
  authenticated: boolean;
  /** Every entry must be met; each comes from the field, its parent type or its return type. */
  scopes: ScopeAlternatives[];
}

function scopeList(value: ConstValueNode): ScopeAlternatives {
  if (value.kind !== Kind.LIST) return [];
  return value.values.map((inner) => {
    if (inner.kind !== Kind.LIST) return [];
    return inner.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : []));
  });
}

function readDirectives(directives: readonly ConstDirectiveNode[] | undefined): FieldRequirement {
  const requirement: FieldRequirement = { authenticated: false, scopes: [] };
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') requirement.authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
      requirement.authenticated = true;
      if (argument) requirement.scopes.push(scopeList(argument.value));
    }
  }
  return requirement;
}

function merge(into: FieldRequirement, from: FieldRequirement): void {
  into.authenticated ||= from.authenticated;
  into.scopes.push(...from.scopes);
}

/**
 * The `@authenticated` and `@requiresScopes` marks of a supergraph, by type and by field. They
 * combine as the kit enforces them in each subgraph: a field needs what the field, its parent
 * type and its return type each require.
 *
 * NOTE: the directives are looked up by their default names; a supergraph that imports them
 * under another name (`@link(import: [{ name: "@authenticated", as: "@auth" }])`) is not read.
 */
export class AccessRequirements {
  private constructor(
    private readonly types: Map<string, FieldRequirement>,
    private readonly fields: Map<string, FieldRequirement>,
  ) {}

  static fromSupergraph(supergraphSdl: string): AccessRequirements {
    const types = new Map<string, FieldRequirement>();
    const fields = new Map<string, FieldRequirement>();
    const addType = (name: string, requirement: FieldRequirement) => {
      const current = types.get(name) ?? { authenticated: false, scopes: [] };
      merge(current, requirement);
      types.set(name, current);
    };
    for (const definition of parse(supergraphSdl).definitions as readonly DefinitionNode[]) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_EXTENSION &&
        definition.kind !== Kind.SCALAR_TYPE_DEFINITION &&
        definition.kind !== Kind.ENUM_TYPE_DEFINITION
      ) {
        continue;
      }
      addType(definition.name.value, readDirectives(definition.directives));
      if (!('fields' in definition)) continue;
      for (const field of definition.fields ?? []) {
        const requirement = readDirectives(field.directives);
        if (requirement.authenticated)
          fields.set(`${definition.name.value}.${field.name.value}`, requirement);
      }
    }
    return new AccessRequirements(types, fields);
  }

  /** Combines the requirements of `parentType.field`, its parent type and its return type `returnType`. */
  forField(parentType: string, field: string, returnType: string): FieldRequirement {
    const requirement: FieldRequirement = { authenticated: false, scopes: [] };
    for (const part of [
      this.types.get(parentType),
      this.fields.get(`${parentType}.${field}`),
      this.types.get(returnType),
    ]) {
      if (part) merge(requirement, part);
    }
    return requirement;
  }
}

/** Returns the first scope requirement that `scopes` does not meet, or null when all are met. */
export function unmetScopes(
  requirement: FieldRequirement,
  scopes: readonly string[],
): ScopeAlternatives | null {
  const held = new Set(scopes);
  return (
    requirement.scopes.find(
      (alternatives) => !alternatives.some((set) => set.every((s) => held.has(s))),
    ) ?? null
  );
}
