import {
  GraphQLError,
  Kind,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  type FragmentDefinitionNode,
  type GraphQLEnumType,
  type GraphQLCompositeType,
  type GraphQLLeafType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Builds the client's response from the data the subgraphs returned. It follows the operation:
 * fields in the requested order and under their aliases, without the key fields the planner
 * added. Nulls propagate up to the nearest nullable field.
 *
 * It gives the same response as the query-plan executor of `@apollo/gateway` (its
 * `computeResponse`), errors included, but collects each selection set's fields once per
 * parent type and keeps them, where that executor walks the operation again for every object
 * of every response. On the `entities` benchmark (500 objects) that walk was a fifth of the
 * gateway's CPU time (bench/README.md, tuning log).
 *
 * NOTE: two differences remain, both pinned in test/response-shape.test.ts. When one selection
 * repeats a fragment on the same type with other fields between, the keys follow the order of
 * the operation, as graphql-js executes it, where `@apollo/gateway` moves the later fragment's
 * fields up to the first. And completion errors of a field repeated in several fragments are
 * listed in the order of the merged selection.
 */
export class ResponseShape {
  private readonly root: SelectionShape;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly rootType: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  ) {
    this.root = new SelectionShape(this, rootType, [selectionSet]);
  }

  /**
   * Shapes the merged subgraph data. `errors` contains the completion errors, such as a null in
   * a non-null field or a value of the wrong type. `@apollo/gateway` reports them only when no
   * subgraph call failed.
   */
  apply(input: Record<string, unknown>): {
    data: Record<string, unknown> | null;
    errors: GraphQLError[];
  } {
    const state: ShapeState = { errors: [], path: [] };
    const data = this.root.apply(input, this.rootType, state);
    return { data: data === BUBBLE ? null : data, errors: state.errors };
  }
}

interface ShapeState {
  errors: GraphQLError[];
  path: (string | number)[];
}

/** A null that comes from an error inside the value (the error is already recorded). */
const NULL_WITH_ERROR = Symbol('null with error');
/** A null in a non-null position: the enclosing object becomes null too. */
const BUBBLE = Symbol('null bubbles up');

/** One response key of a selection set for one parent type, with its merged sub-selections. */
interface ShapedField {
  readonly responseName: string;
  /** `__typename`, which the gateway fills from the object's type. */
  readonly typename: boolean;
  readonly type: GraphQLOutputType | null;
  /**
   * The type the field was selected on: the enclosing fragment's type condition, or the type of
   * the object. Its definition gives the field's type, as in `@apollo/gateway`, so a nullable
   * interface field stays nullable on an implementation that narrows it to non-null.
   */
  readonly parentType: GraphQLCompositeType;
  readonly selectionSets: SelectionSetNode[];
  sub: SelectionShape | null;
}

class SelectionShape {
  private readonly byType = new Map<GraphQLNamedType, ShapedField[]>();

  constructor(
    private readonly shape: ResponseShape,
    /** The type the schema gives the selected field, whose definitions the fields take. */
    private readonly declaredType: GraphQLCompositeType,
    private readonly selectionSets: readonly SelectionSetNode[],
  ) {}

  /** Fills a new object with the fields of `input` that this selection requests. */
  apply(
    input: Record<string, unknown>,
    parentType: GraphQLCompositeType,
    state: ShapeState,
  ): Record<string, unknown> | typeof BUBBLE {
    const output: Record<string, unknown> = Object.create(null);
    for (const field of this.fieldsFor(parentType)) {
      if (field.typename) {
        let name = input[field.responseName] ?? null;
        if (name === null && field.responseName !== '__typename') name = input.__typename ?? null;
        const type =
          typeof name === 'string'
            ? (this.shape.schema.getType(name) ?? field.parentType)
            : field.parentType;
        if (!isObjectType(type)) return BUBBLE;
        output[field.responseName] = type.name;
        continue;
      }
      state.path.push(field.responseName);
      const value = this.complete(
        Object.hasOwn(input, field.responseName) ? (input[field.responseName] ?? null) : null,
        field.type!,
        field,
        state,
      );
      state.path.pop();
      if (value === BUBBLE) return BUBBLE;
      output[field.responseName] = value === NULL_WITH_ERROR ? null : value;
    }
    return output;
  }

  private complete(
    value: unknown,
    type: GraphQLOutputType,
    field: ShapedField,
    state: ShapeState,
  ): unknown {
    const parentType = field.parentType;
    if (isNonNullType(type)) {
      const inner = this.complete(value, type.ofType, field, state);
      if (inner === null) {
        state.errors.push(
          completionError(
            `Cannot return null for non-nullable ${describe(state.path, type.ofType, parentType)}.`,
            state.path,
          ),
        );
        return BUBBLE;
      }
      return inner === NULL_WITH_ERROR ? BUBBLE : inner;
    }
    if (value === null) return null;
    if (isListType(type)) {
      if (!Array.isArray(value))
        throw new Error(
          `Invalid non-list value ${String(value)} returned by subgraph for list type ${String(type)}`,
        );
      const list = new Array<unknown>(value.length);
      let nullify = false;
      for (let index = 0; index < value.length; index++) {
        state.path.push(index);
        const item = this.complete(value[index] ?? null, type.ofType, field, state);
        state.path.pop();
        if (item === BUBBLE) nullify = true;
        list[index] = item === BUBBLE || item === NULL_WITH_ERROR ? null : item;
      }
      return nullify ? NULL_WITH_ERROR : list;
    }
    if (isCompositeType(type)) {
      if (typeof value !== 'object')
        throw new Error(
          `Invalid non-object value ${String(value)} returned by subgraph for composite type ${type.name}`,
        );
      const object = value as Record<string, unknown>;
      const typename = object.__typename;
      let objectType: GraphQLCompositeType = type;
      if (typename !== undefined && typename !== null && typename !== '') {
        if (typeof typename !== 'string')
          throw new Error(
            `Invalid non-string value ${String(typename)} for __typename at ${state.path.join(',')}`,
          );
        const named = this.shape.schema.getType(typename);
        if (!named || !isCompositeType(named)) {
          state.errors.push(
            completionError(
              `Invalid __typename found for object at ${describe(state.path, type, parentType)}.`,
              state.path,
            ),
          );
          return NULL_WITH_ERROR;
        }
        objectType = named;
      }
      field.sub ??= new SelectionShape(this.shape, type, field.selectionSets);
      const shaped = field.sub.apply(object, objectType, state);
      return shaped === BUBBLE ? NULL_WITH_ERROR : shaped;
    }
    if (isValidLeaf(type, value)) return value;
    state.errors.push(
      completionError(
        `Invalid value found for ${describe(state.path, type, parentType)}.`,
        state.path,
      ),
    );
    return NULL_WITH_ERROR;
  }

  /** Returns the fields of this selection for one parent type, in the order of the operation. */
  private fieldsFor(parentType: GraphQLCompositeType): ShapedField[] {
    let fields = this.byType.get(parentType);
    if (!fields) {
      const byName = new Map<string, ShapedField>();
      for (const set of this.selectionSets)
        this.collect(set, this.declaredType, parentType, parentType, byName);
      fields = [...byName.values()];
      this.byType.set(parentType, fields);
    }
    return fields;
  }

  /**
   * Adds the fields of `set` that apply to an object of `objectType`. A field seen before keeps
   * its first definition and gains the sub-selection. As in `@apollo/gateway`, the definition
   * comes from `definedOn` (the declared type, or a fragment's type condition), and messages
   * name `selectedOn` (the object's type, or the fragment's type condition inside a fragment).
   */
  private collect(
    set: SelectionSetNode,
    definedOn: GraphQLCompositeType,
    selectedOn: GraphQLCompositeType,
    objectType: GraphQLCompositeType,
    byName: Map<string, ShapedField>,
  ): void {
    const { schema, fragments } = this.shape;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseName = selection.alias?.value ?? selection.name.value;
        const known = byName.get(responseName);
        if (known) {
          if (selection.selectionSet) known.selectionSets.push(selection.selectionSet);
          continue;
        }
        const typename = selection.name.value === '__typename';
        const definition =
          typename || !('getFields' in definedOn)
            ? undefined
            : definedOn.getFields()[selection.name.value];
        if (!typename && !definition)
          throw new Error(
            `The field ${definedOn.name}.${selection.name.value} is not in the schema`,
          );
        byName.set(responseName, {
          responseName,
          typename,
          type: definition?.type ?? null,
          parentType: selectedOn,
          selectionSets: selection.selectionSet ? [selection.selectionSet] : [],
          sub: null,
        });
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment)
        throw new Error(
          `The fragment ${(selection as { name: { value: string } }).name.value} is not defined`,
        );
      const condition = fragment.typeCondition
        ? schema.getType(fragment.typeCondition.name.value)
        : selectedOn;
      if (condition && isCompositeType(condition) && appliesTo(schema, condition, objectType))
        this.collect(fragment.selectionSet, condition, condition, objectType, byName);
    }
  }
}

/** Tells whether a fragment on `condition` applies to a value of `type`. */
function appliesTo(
  schema: GraphQLSchema,
  condition: GraphQLNamedType,
  type: GraphQLNamedType,
): boolean {
  if (condition === type) return true;
  return (
    isAbstractType(condition) &&
    (isObjectType(type) || isAbstractType(type)) &&
    schema.isSubType(condition, type as never)
  );
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

type LeafKind = 'any' | 'Boolean' | 'Int' | 'ID' | 'Float' | 'String' | 'enum';
const leafKinds = new WeakMap<GraphQLLeafType, LeafKind>();

function leafKind(type: GraphQLLeafType): LeafKind {
  let kind = leafKinds.get(type);
  if (!kind) {
    if (isEnumType(type)) kind = 'enum';
    else if (!isSpecifiedScalarType(type)) kind = 'any';
    else kind = type.name as LeafKind;
    leafKinds.set(type, kind);
  }
  return kind;
}

/** Checks a leaf value as `@apollo/gateway` does: a custom scalar takes any value. */
function isValidLeaf(type: GraphQLLeafType, value: unknown): boolean {
  const kind = leafKind(type);
  if (kind === 'any') return true;
  if (typeof value === 'boolean') return kind === 'Boolean';
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (kind === 'Int' || kind === 'ID') return INTEGER.test(String(value));
    return kind === 'Float';
  }
  if (typeof value === 'string') {
    if (kind === 'enum') return (type as GraphQLEnumType).getValue(value) !== undefined;
    return kind !== 'Boolean' && kind !== 'Int' && kind !== 'Float';
  }
  return false;
}

/** Names the position of a bad value the way `@apollo/gateway` does. */
function describe(
  path: readonly (string | number)[],
  type: GraphQLOutputType,
  parentType: GraphQLCompositeType,
): string {
  const last = path[path.length - 1];
  return typeof last === 'string'
    ? `field ${parentType.name}.${last}`
    : `array element of type ${String(type)} at index ${String(last)}`;
}

function completionError(message: string, path: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, { path: [...path], extensions: { code: 'INVALID_GRAPHQL' } });
}
