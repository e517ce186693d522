import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type BreakingChange,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** A breaking change between two API schemas, and whether deprecation made it acceptable. */
export interface JudgedChange {
  type: BreakingChangeType;
  description: string;
  /** The schema coordinate the change concerns, such as `Query.organization` or `OrgLevel.DISTRICT`. */
  coordinate: string | null;
  /** True when the removed or changed element was `@deprecated` in the old schema. */
  deprecatedFirst: boolean;
}

function fieldsOf(schema: GraphQLSchema, typeName: string) {
  const type = schema.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    return type.getFields();
  return undefined;
}

function fieldDeprecated(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  return Boolean(fieldsOf(schema, typeName)?.[fieldName]?.deprecationReason);
}

function argumentDeprecated(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
  argumentName: string,
): boolean {
  const field = fieldsOf(schema, typeName)?.[fieldName];
  if (!field || !('args' in field)) return false;
  if (field.deprecationReason) return true;
  return Boolean(field.args.find((argument) => argument.name === argumentName)?.deprecationReason);
}

function enumValueDeprecated(schema: GraphQLSchema, enumName: string, valueName: string): boolean {
  const type = schema.getType(enumName);
  return isEnumType(type) && Boolean(type.getValue(valueName)?.deprecationReason);
}

/** Tells whether every field, argument and input field that used a type was deprecated, so the type may go. */
function typeOnlyUsedByDeprecated(schema: GraphQLSchema, typeName: string): boolean {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type as GraphQLType).name === typeName && !field.deprecationReason)
        return false;
      if (!('args' in field)) continue;
      for (const argument of field.args) {
        if (
          getNamedType(argument.type as GraphQLType).name === typeName &&
          !argument.deprecationReason &&
          !field.deprecationReason
        )
          return false;
      }
    }
  }
  return true;
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';

/**
 * Reads the coordinate from graphql-js 16's change description and looks up the deprecation in
 * the old schema. The descriptions are fixed strings of `findBreakingChanges`, such as
 * "Query.a was removed." or "A required arg x on Query.a was added.". A description this
 * function does not recognise is judged not deprecated, so an unknown change fails the check.
 */
function judge(change: BreakingChange, old: GraphQLSchema): JudgedChange {
  const { type, description } = change;
  const result = (coordinate: string | null, deprecatedFirst: boolean): JudgedChange => ({
    type,
    description,
    coordinate,
    deprecatedFirst,
  });

  switch (type) {
    case BreakingChangeType.FIELD_REMOVED:
    case BreakingChangeType.FIELD_CHANGED_KIND: {
      const match = new RegExp(`^(${NAME})\\.(${NAME}) `).exec(description);
      if (!match?.[1] || !match[2]) return result(null, false);
      return result(`${match[1]}.${match[2]}`, fieldDeprecated(old, match[1], match[2]));
    }
    case BreakingChangeType.ARG_REMOVED:
    case BreakingChangeType.ARG_CHANGED_KIND: {
      const match = new RegExp(`^(${NAME})\\.(${NAME}) arg (${NAME}) `).exec(description);
      if (!match?.[1] || !match[2] || !match[3]) return result(null, false);
      return result(
        `${match[1]}.${match[2]}(${match[3]}:)`,
        argumentDeprecated(old, match[1], match[2], match[3]),
      );
    }
    case BreakingChangeType.REQUIRED_ARG_ADDED: {
      const match = new RegExp(`^A required arg (${NAME}) on (${NAME})\\.(${NAME}) was added`).exec(
        description,
      );
      if (!match?.[1] || !match[2] || !match[3]) return result(null, false);
      return result(
        `${match[2]}.${match[3]}(${match[1]}:)`,
        fieldDeprecated(old, match[2], match[3]),
      );
    }
    case BreakingChangeType.VALUE_REMOVED_FROM_ENUM: {
      const match = new RegExp(`^(${NAME}) was removed from enum type (${NAME})`).exec(description);
      if (!match?.[1] || !match[2]) return result(null, false);
      return result(`${match[2]}.${match[1]}`, enumValueDeprecated(old, match[2], match[1]));
    }
    case BreakingChangeType.TYPE_REMOVED: {
      const match = new RegExp(`^(${NAME}) was removed`).exec(description);
      if (!match?.[1]) return result(null, false);
      return result(match[1], typeOnlyUsedByDeprecated(old, match[1]));
    }
    default:
      return result(null, false);
  }
}

/**
 * Compares two API schemas and returns their breaking changes, each judged: a removal or type
 * change is acceptable only when the element (or its field) was `@deprecated` in `oldSdl`.
 * Changes that cannot be deprecated first (a union member or interface removed, a required
 * input field added, a directive changed) are never acceptable.
 */
export function judgeBreakingChanges(oldSdl: string, newSdl: string): JudgedChange[] {
  const old = buildSchema(oldSdl);
  const next = buildSchema(newSdl);
  return findBreakingChanges(old, next).map((change) => judge(change, old));
}
