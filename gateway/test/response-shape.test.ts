import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import {
  buildSchema as buildFederationSchema,
  operationFromDocument,
} from '@apollo/federation-internals';
import {
  buildSchema,
  executeSync,
  getOperationAST,
  Kind,
  parse,
  validate,
  type FragmentDefinitionNode,
  type GraphQLError,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ResponseShape } from '../src/execution/shape.js';

// Differential tests: every input goes through ResponseShape and through `computeResponse` of
// @apollo/gateway 2.14.4, the result shaping that ResponseShape replaces. Both must return the
// same `data`, compared as JSON so that key order counts, and the same errors (message, path and
// code, in order). The "known differences" block pins the cases where they differ.

const SDL = `
  "Custom scalar: neither implementation checks its values."
  scalar Json

  enum Status {
    ACTIVE
    RETIRED
  }

  interface Node {
    id: ID!
    title: String
  }

  type Station implements Node {
    id: ID!
    "Non-null although Node.title is nullable, which GraphQL allows in an implementation."
    title: String!
    code: String
    sensors: [Sensor!]
  }

  type Sensor implements Node {
    id: ID!
    title: String
    unit: String
    station: Station
  }

  type Reading {
    int: Int
    float: Float
    string: String
    boolean: Boolean
    id: ID
    status: Status
    payload: Json
    requiredInt: Int!
    requiredString: String!
    ints: [Int!]
    maybeInts: [Int]
    requiredInts: [Int!]!
    statuses: [Status]
    matrix: [[Int!]!]
    child: Reading
    requiredChild: Reading!
    children: [Reading!]
    maybeChildren: [Reading]
    source: Node
  }

  union Item = Station | Sensor | Reading

  type Query {
    reading: Reading
    requiredReading: Reading!
    readings: [Reading!]!
    node: Node
    requiredNode: Node!
    nodes: [Node]
    station(id: ID!): Station
    item: Item
    items: [Item!]
  }

  type Mutation {
    rename(id: ID!, title: String!): Station
  }
`;

const apiSchema = buildSchema(SDL);
const federationSchema = buildFederationSchema(SDL);

type Input = Record<string, unknown>;

interface Shaped {
  /** `JSON.stringify` of `data`. */
  data: string;
  errors: { message: string; path: readonly (string | number)[] | undefined; code: unknown }[];
}

interface Shapers {
  ours(input: Input): Shaped;
  apollo(input: Input): Shaped;
}

function summarize(result: { data: unknown; errors: readonly GraphQLError[] }): Shaped {
  return {
    data: JSON.stringify(result.data),
    errors: result.errors.map((error) => ({
      message: error.message,
      path: error.path,
      code: error.extensions.code,
    })),
  };
}

/**
 * Builds a ResponseShape and Apollo's operation for one query, the way the hub's executor and
 * `executeQueryPlan` of @apollo/gateway do. Each shaper gets its own copy of every input.
 */
function prepare(query: string): Shapers {
  const document = parse(query);
  expect(validate(apiSchema, document)).toEqual([]);

  const operation = getOperationAST(document);
  if (!operation) throw new Error(`The query has no operation: ${query}`);
  const rootType = apiSchema.getRootType(operation.operation);
  if (!rootType) throw new Error(`The schema has no ${operation.operation} type`);
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const shape = new ResponseShape(apiSchema, rootType, operation.selectionSet, fragments);

  const federationOperation = operationFromDocument(federationSchema, document, {
    validate: false,
  });

  return {
    ours: (input) => summarize(shape.apply(structuredClone(input))),
    apollo: (input) =>
      summarize(
        computeResponse({
          operation: federationOperation,
          input: structuredClone(input),
          introspectionHandling: () => {
            throw new Error('These operations select no introspection fields');
          },
        }),
      ),
  };
}

/**
 * Shapes each input with one ResponseShape (so later inputs run on its cached field lists) and
 * with Apollo, checks that both agree, and returns our results.
 */
function expectSame(query: string, inputs: readonly Input[]): Shaped[] {
  const shapers = prepare(query);
  return inputs.map((input) => {
    const ours = shapers.ours(input);
    const apollo = shapers.apollo(input);
    expect(ours.data, `data for ${JSON.stringify(input)}`).toBe(apollo.data);
    expect(ours.errors, `errors for ${JSON.stringify(input)}`).toEqual(apollo.errors);
    return ours;
  });
}

/** Like `expectSame` for one input. */
function expectSameOne(query: string, input: Input): Shaped {
  return expectSame(query, [input])[0]!;
}

function thrownMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('Expected the call to throw');
}

function invalidValue(parentType: string, field: string, path: (string | number)[]) {
  return {
    message: `Invalid value found for field ${parentType}.${field}.`,
    path,
    code: 'INVALID_GRAPHQL',
  };
}

function nonNullViolation(description: string, path: (string | number)[]) {
  return {
    message: `Cannot return null for non-nullable ${description}.`,
    path,
    code: 'INVALID_GRAPHQL',
  };
}

describe('ResponseShape leaf values', () => {
  const LEAF_CASES: { field: string; label: string; value: unknown; valid: boolean }[] = [
    { field: 'int', label: 'an integer', value: 7, valid: true },
    { field: 'int', label: 'a negative integer', value: -3, valid: true },
    // NOTE: neither implementation checks the 32-bit range of Int.
    { field: 'int', label: 'an integer above 2^31', value: 2 ** 31, valid: true },
    { field: 'int', label: 'a float', value: 1.5, valid: false },
    { field: 'int', label: 'a string of digits', value: '7', valid: false },
    { field: 'int', label: 'a boolean', value: true, valid: false },
    { field: 'int', label: 'an exponent-formatted number', value: 1e21, valid: false },
    { field: 'int', label: 'an object', value: { value: 7 }, valid: false },
    { field: 'int', label: 'a list', value: [7], valid: false },
    { field: 'float', label: 'a float', value: 1.5, valid: true },
    { field: 'float', label: 'an integer', value: 3, valid: true },
    { field: 'float', label: 'a numeric string', value: '1.5', valid: false },
    { field: 'float', label: 'a boolean', value: false, valid: false },
    { field: 'float', label: 'Infinity', value: Infinity, valid: false },
    { field: 'float', label: 'NaN', value: NaN, valid: false },
    { field: 'string', label: 'a string', value: 'text', valid: true },
    { field: 'string', label: 'an empty string', value: '', valid: true },
    { field: 'string', label: 'a number', value: 5, valid: false },
    { field: 'string', label: 'a boolean', value: true, valid: false },
    { field: 'string', label: 'an object', value: { text: 'a' }, valid: false },
    { field: 'boolean', label: 'true', value: true, valid: true },
    { field: 'boolean', label: 'false', value: false, valid: true },
    { field: 'boolean', label: 'a string', value: 'true', valid: false },
    { field: 'boolean', label: 'a number', value: 0, valid: false },
    { field: 'id', label: 'a string', value: 'abc', valid: true },
    { field: 'id', label: 'an integer', value: 42, valid: true },
    { field: 'id', label: 'a negative integer', value: -1, valid: true },
    { field: 'id', label: 'a float', value: 4.2, valid: false },
    { field: 'id', label: 'a boolean', value: true, valid: false },
    { field: 'status', label: 'an enum value', value: 'ACTIVE', valid: true },
    { field: 'status', label: 'an unknown name', value: 'UNKNOWN', valid: false },
    { field: 'status', label: 'a lower-case name', value: 'active', valid: false },
    { field: 'status', label: 'a number', value: 1, valid: false },
    { field: 'payload', label: 'an object', value: { nested: [1, 'two'] }, valid: true },
    { field: 'payload', label: 'a list', value: [1, 'x', null], valid: true },
    { field: 'payload', label: 'an integer', value: 5, valid: true },
    { field: 'payload', label: 'a float', value: 1.5, valid: true },
    { field: 'payload', label: 'a string', value: 'text', valid: true },
    { field: 'payload', label: 'a boolean', value: false, valid: true },
  ];

  it.each(LEAF_CASES)('$field given $label', ({ field, value, valid }) => {
    const ours = expectSameOne(`{ reading { ${field} } }`, { reading: { [field]: value } });

    const expected = valid ? { reading: { [field]: value } } : { reading: { [field]: null } };
    expect(ours.data).toBe(JSON.stringify(expected));
    expect(ours.errors).toEqual(valid ? [] : [invalidValue('Reading', field, ['reading', field])]);
  });

  it('invalid non-null leaf bubbles once', () => {
    const [wrongType, wrongEnum] = expectSame('{ reading { int requiredInt } }', [
      { reading: { int: 1, requiredInt: 'x' } },
      { reading: { int: 1, requiredInt: 2.5 } },
    ]);

    expect(wrongType!.data).toBe('{"reading":null}');
    expect(wrongType!.errors).toEqual([
      invalidValue('Reading', 'requiredInt', ['reading', 'requiredInt']),
    ]);
    expect(wrongEnum!.data).toBe('{"reading":null}');
  });

  it('invalid list items', () => {
    const [nonNullItems, nullableItems, enums, requiredList] = expectSame(
      '{ reading { ints maybeInts statuses requiredInts } }',
      [
        { reading: { ints: [1, 'x'], maybeInts: [], statuses: [], requiredInts: [] } },
        { reading: { ints: [], maybeInts: [1, 'x', null], statuses: [], requiredInts: [] } },
        { reading: { ints: [], maybeInts: [], statuses: ['ACTIVE', 'NOPE'], requiredInts: [] } },
        { reading: { ints: [], maybeInts: [], statuses: [], requiredInts: [1, 2.5] } },
      ],
    );

    expect(nonNullItems!.data).toBe(
      '{"reading":{"ints":null,"maybeInts":[],"statuses":[],"requiredInts":[]}}',
    );
    expect(nonNullItems!.errors).toEqual([
      {
        message: 'Invalid value found for array element of type Int at index 1.',
        path: ['reading', 'ints', 1],
        code: 'INVALID_GRAPHQL',
      },
    ]);
    expect(nullableItems!.data).toBe(
      '{"reading":{"ints":[],"maybeInts":[1,null,null],"statuses":[],"requiredInts":[]}}',
    );
    expect(nullableItems!.errors).toHaveLength(1);
    expect(enums!.data).toBe(
      '{"reading":{"ints":[],"maybeInts":[],"statuses":["ACTIVE",null],"requiredInts":[]}}',
    );
    expect(requiredList!.data).toBe('{"reading":null}');
    expect(requiredList!.errors).toHaveLength(1);
  });
});

describe('ResponseShape selections', () => {
  it('drops unselected input keys', () => {
    const ours = expectSameOne('{ reading { int child { string } } }', {
      reading: {
        __typename: 'Reading',
        id: 'r1',
        int: 1,
        float: 2.5,
        child: { __typename: 'Reading', string: 's', requiredInt: 3 },
      },
      node: { __typename: 'Station', id: 's1' },
    });

    expect(ours.data).toBe('{"reading":{"int":1,"child":{"string":"s"}}}');
    expect(ours.errors).toEqual([]);
  });

  it('follows operation field order', () => {
    const ours = expectSameOne(
      '{ node { id __typename } reading { string int child { float int } } }',
      {
        reading: { child: { int: 2, float: 1.5 }, int: 1, string: 's' },
        node: { id: 's1', __typename: 'Sensor' },
      },
    );

    expect(ours.data).toBe(
      '{"node":{"id":"s1","__typename":"Sensor"},"reading":{"string":"s","int":1,"child":{"float":1.5,"int":2}}}',
    );
  });

  it('writes fields under aliases', () => {
    const query = `{
      first: reading { value: int other: int constructor: string }
      second: reading { int toString: float }
    }`;
    const [withValues, missing] = expectSame(query, [
      {
        first: { value: 1, other: 2, constructor: 'c' },
        second: { int: 3, toString: 4.5 },
      },
      { first: { value: 1, other: 'x' }, second: { int: 3 } },
    ]);

    expect(withValues!.data).toBe(
      '{"first":{"value":1,"other":2,"constructor":"c"},"second":{"int":3,"toString":4.5}}',
    );
    // Keys inherited from Object.prototype count as missing in both implementations.
    expect(missing!.data).toBe(
      '{"first":{"value":1,"other":null,"constructor":null},"second":{"int":3,"toString":null}}',
    );
    expect(missing!.errors).toEqual([invalidValue('Reading', 'other', ['first', 'other'])]);
  });

  it('merges a repeated field', () => {
    const ours = expectSameOne('{ reading { child { int } string child { float c: string } } }', {
      reading: { string: 's', child: { c: 'x', float: 2, int: 1, string: 'unused' } },
    });

    expect(ours.data).toBe('{"reading":{"child":{"int":1,"float":2,"c":"x"},"string":"s"}}');
  });

  it('merges a field repeated in fragments', () => {
    const query = `
      query {
        reading { child { int } ... on Reading { child { float } int } ...Deep }
        ... on Query { reading { child { string } } }
      }
      fragment Deep on Reading { child { child { int } } }
    `;
    const ours = expectSameOne(query, {
      reading: { int: 5, child: { int: 1, float: 2, string: 's', child: { int: 3 } } },
    });

    expect(ours.data).toBe(
      '{"reading":{"child":{"int":1,"float":2,"child":{"int":3},"string":"s"},"int":5}}',
    );
  });

  it('__typename selected and aliased', () => {
    const query = `{
      __typename
      rootKind: __typename
      reading { __typename kind: __typename int }
      node { __typename kind: __typename id }
    }`;
    const [station, sensorWithAlias, unknownAlias] = expectSame(query, [
      { reading: { int: 1 }, node: { __typename: 'Station', id: 's1' } },
      {
        reading: { __typename: 'Reading' },
        node: { __typename: 'Sensor', kind: 'Sensor', id: 'x' },
      },
      { reading: { kind: 'Ghost' }, node: { __typename: 'Sensor', kind: 'Ghost', id: 'x' } },
    ]);

    expect(station!.data).toBe(
      '{"__typename":"Query","rootKind":"Query","reading":{"__typename":"Reading","kind":"Reading","int":1},"node":{"__typename":"Station","kind":"Station","id":"s1"}}',
    );
    expect(sensorWithAlias!.data).toContain('"node":{"__typename":"Sensor","kind":"Sensor"');
    // A type name that the schema does not define falls back to the parent type.
    expect(unknownAlias!.data).toContain('"kind":"Sensor"');
  });

  it('abstract object without __typename', () => {
    const [withoutTypename, withTypename] = expectSame(
      '{ node { __typename id } item { __typename } nodes { id } }',
      [
        { node: { id: 's1' }, item: {}, nodes: [{ id: 'a' }] },
        {
          node: { __typename: 'Station', id: 's1' },
          item: { __typename: 'Reading' },
          nodes: [{ id: 'a' }],
        },
      ],
    );

    // An interface or a union is not a valid __typename value, so the object becomes null
    // without an error.
    expect(withoutTypename!.data).toBe('{"node":null,"item":null,"nodes":[{"id":"a"}]}');
    expect(withoutTypename!.errors).toEqual([]);
    expect(withTypename!.data).toBe(
      '{"node":{"__typename":"Station","id":"s1"},"item":{"__typename":"Reading"},"nodes":[{"id":"a"}]}',
    );
  });

  it('mutation root type', () => {
    const ours = expectSameOne('mutation { rename(id: "s1", title: "New") { id title } }', {
      rename: { id: 's1', title: 'New', code: 'dropped' },
    });

    expect(ours.data).toBe('{"rename":{"id":"s1","title":"New"}}');
  });

  it('fields with arguments and variables', () => {
    const ours = expectSameOne(
      'query Station($id: ID!) { station(id: $id) { id code } other: station(id: "2") { id } }',
      { station: { id: '1', code: 'c' }, other: { id: 2 } },
    );

    expect(ours.data).toBe('{"station":{"id":"1","code":"c"},"other":{"id":2}}');
  });
});

describe('ResponseShape fragments', () => {
  it('named fragment on concrete type', () => {
    const query = `
      query { reading { ...ReadingFields child { ...ReadingFields float } } }
      fragment ReadingFields on Reading { int string }
    `;
    const ours = expectSameOne(query, {
      reading: { __typename: 'Reading', string: 'a', int: 1, child: { float: 2, int: 3 } },
    });

    expect(ours.data).toBe(
      '{"reading":{"int":1,"string":"a","child":{"int":3,"string":null,"float":2}}}',
    );
  });

  it('inline fragments per implementation', () => {
    const query = '{ nodes { __typename id ... on Station { code } ... on Sensor { unit } } }';
    const [mixed] = expectSame(query, [
      {
        nodes: [
          { __typename: 'Station', id: 's1', code: 'HN', unit: 'dropped' },
          { __typename: 'Sensor', id: 'x1', unit: 'mm', code: 'dropped' },
          null,
        ],
      },
      { nodes: [{ __typename: 'Sensor', id: 'x2' }] },
    ]);

    expect(mixed!.data).toBe(
      '{"nodes":[{"__typename":"Station","id":"s1","code":"HN"},{"__typename":"Sensor","id":"x1","unit":"mm"},null]}',
    );
  });

  it('fragments on the interface', () => {
    const query = `
      query { nodes { ... on Node { id } ...NodeFields ...SensorFields } }
      fragment NodeFields on Node { __typename }
      fragment SensorFields on Sensor { title unit station { id ...NodeFields } }
    `;
    const [mixed] = expectSame(query, [
      {
        nodes: [
          { __typename: 'Station', id: 's1' },
          {
            __typename: 'Sensor',
            id: 'x1',
            title: 'Rain gauge',
            unit: 'mm',
            station: { __typename: 'Station', id: 's1' },
          },
        ],
      },
      { nodes: [{ __typename: 'Sensor', id: 'x1', station: null }] },
    ]);

    expect(mixed!.data).toBe(
      '{"nodes":[{"id":"s1","__typename":"Station"},{"id":"x1","__typename":"Sensor","title":"Rain gauge","unit":"mm","station":{"id":"s1","__typename":"Station"}}]}',
    );
  });

  it('fragments on the union', () => {
    const query = `
      query { items { __typename ... on Station { id code } ... on Sensor { id unit } ...ReadingItem } }
      fragment ReadingItem on Reading { int status }
    `;
    const [mixed, empty] = expectSame(query, [
      {
        items: [
          { __typename: 'Reading', int: 1, status: 'RETIRED', id: 'dropped' },
          { __typename: 'Station', id: 's1', code: 'HN', int: 9 },
          { __typename: 'Sensor', id: 'x1', unit: 'mm' },
        ],
      },
      { items: [] },
    ]);

    expect(mixed!.data).toBe(
      '{"items":[{"__typename":"Reading","int":1,"status":"RETIRED"},{"__typename":"Station","id":"s1","code":"HN"},{"__typename":"Sensor","id":"x1","unit":"mm"}]}',
    );
    expect(empty!.data).toBe('{"items":[]}');
  });

  it('interface fragment inside union', () => {
    const [mixed] = expectSame('{ items { ... on Node { id } ... on Reading { int } } }', [
      {
        items: [
          { __typename: 'Sensor', id: 'x1' },
          { __typename: 'Reading', int: 1, id: 'dropped' },
        ],
      },
    ]);

    expect(mixed!.data).toBe('{"items":[{"id":"x1"},{"int":1}]}');
  });

  it('union fragment inside interface', () => {
    const [sensor, station] = expectSame(
      '{ node { id ... on Item { __typename ... on Sensor { unit } } } }',
      [
        { node: { __typename: 'Sensor', id: 'x1', unit: 'mm' } },
        { node: { __typename: 'Station', id: 's1', unit: 'dropped' } },
      ],
    );

    expect(sensor!.data).toBe('{"node":{"id":"x1","__typename":"Sensor","unit":"mm"}}');
    expect(station!.data).toBe('{"node":{"id":"s1","__typename":"Station"}}');
  });

  it('fragments without type condition', () => {
    const ours = expectSameOne('{ reading { ... { int } string } ... { node { id } } }', {
      reading: { int: 1, string: 's' },
      node: { __typename: 'Sensor', id: 'x1' },
    });

    expect(ours.data).toBe('{"reading":{"int":1,"string":"s"},"node":{"id":"x1"}}');
  });

  it('fragments on the root type', () => {
    const query = `
      query { ... on Query { reading { int } } ...Root }
      fragment Root on Query { node { id } reading { string } }
    `;
    const ours = expectSameOne(query, {
      reading: { int: 1, string: 's' },
      node: { __typename: 'Sensor', id: 'x1' },
    });

    expect(ours.data).toBe('{"reading":{"int":1,"string":"s"},"node":{"id":"x1"}}');
  });

  it('nested named fragments', () => {
    const query = `
      query { nodes { ...SensorFields ...StationFields } }
      fragment SensorFields on Sensor { unit station { ...StationFields } }
      fragment StationFields on Station { code sensors { ...SensorUnit } }
      fragment SensorUnit on Sensor { unit }
    `;
    const ours = expectSameOne(query, {
      nodes: [
        {
          __typename: 'Sensor',
          unit: 'mm',
          station: { __typename: 'Station', code: 'HN', sensors: [{ unit: 'mm' }] },
        },
        { __typename: 'Station', code: 'SG', sensors: [] },
      ],
    });

    expect(ours.data).toBe(
      '{"nodes":[{"unit":"mm","station":{"code":"HN","sensors":[{"unit":"mm"}]}},{"code":"SG","sensors":[]}]}',
    );
  });

  it('type conditions without __typename', () => {
    const [node, item] = expectSame(
      '{ node { ... on Node { id } ... on Station { code } } item { ... on Reading { int } } }',
      [
        { node: { id: 's1', code: 'HN' }, item: { int: 1 } },
        { node: { __typename: 'Station', id: 's1', code: 'HN' }, item: { __typename: 'Reading' } },
      ],
    );

    // Without __typename only fragments on the field's own type apply.
    expect(node!.data).toBe('{"node":{"id":"s1"},"item":{}}');
    expect(item!.data).toBe('{"node":{"id":"s1","code":"HN"},"item":{"int":null}}');
  });
});

describe('ResponseShape null propagation', () => {
  it('nulls nearest nullable parent', () => {
    const ours = expectSameOne('{ reading { int requiredInt } node { id } }', {
      reading: { int: 1, requiredInt: null },
      node: { __typename: 'Sensor', id: 'x1' },
    });

    expect(ours.data).toBe('{"reading":null,"node":{"id":"x1"}}');
    expect(ours.errors).toEqual([
      nonNullViolation('field Reading.requiredInt', ['reading', 'requiredInt']),
    ]);
  });

  it('bubbles through non-null objects', () => {
    const query =
      '{ reading { int requiredChild { requiredChild { requiredString } } child { requiredChild { requiredInt } } } }';
    const [deep, nested] = expectSame(query, [
      {
        reading: {
          int: 1,
          requiredChild: { requiredChild: { requiredString: null } },
          child: null,
        },
      },
      {
        reading: {
          int: 1,
          requiredChild: { requiredChild: { requiredString: 's' } },
          child: { requiredChild: {} },
        },
      },
    ]);

    expect(deep!.data).toBe('{"reading":null}');
    expect(deep!.errors).toEqual([
      nonNullViolation('field Reading.requiredString', [
        'reading',
        'requiredChild',
        'requiredChild',
        'requiredString',
      ]),
    ]);
    expect(nested!.data).toBe(
      '{"reading":{"int":1,"requiredChild":{"requiredChild":{"requiredString":"s"}},"child":null}}',
    );
  });

  it('non-null root field nulls data', () => {
    const [field, object, listItem, node] = expectSame(
      '{ reading { int } requiredReading { requiredInt } readings { int } requiredNode { id } }',
      [
        {
          reading: { int: 1 },
          requiredReading: { requiredInt: null },
          readings: [],
          requiredNode: { __typename: 'Sensor', id: 'x' },
        },
        {
          reading: { int: 1 },
          requiredReading: null,
          readings: [],
          requiredNode: { __typename: 'Sensor', id: 'x' },
        },
        {
          reading: { int: 1 },
          requiredReading: { requiredInt: 1 },
          readings: [{ int: 1 }, null],
          requiredNode: { __typename: 'Sensor', id: 'x' },
        },
        {
          reading: { int: 1 },
          requiredReading: { requiredInt: 1 },
          readings: [],
          requiredNode: { __typename: 'Sensor', id: null },
        },
      ],
    );

    expect(field!.data).toBe('null');
    expect(field!.errors).toEqual([
      nonNullViolation('field Reading.requiredInt', ['requiredReading', 'requiredInt']),
    ]);
    expect(object!.data).toBe('null');
    expect(object!.errors).toEqual([
      nonNullViolation('field Query.requiredReading', ['requiredReading']),
    ]);
    expect(listItem!.data).toBe('null');
    expect(listItem!.errors).toEqual([
      nonNullViolation('array element of type Reading at index 1', ['readings', 1]),
    ]);
    expect(node!.data).toBe('null');
  });

  it('null items in lists', () => {
    const query =
      '{ reading { ints maybeInts requiredInts children { int } maybeChildren { int } } }';
    const [nonNullItem, nullableItems, requiredList, objectItem] = expectSame(query, [
      {
        reading: {
          ints: [1, null],
          maybeInts: [],
          requiredInts: [],
          children: [],
          maybeChildren: [],
        },
      },
      {
        reading: {
          ints: [],
          maybeInts: [null, 1],
          requiredInts: [],
          children: [],
          maybeChildren: [null, { int: 1 }],
        },
      },
      {
        reading: {
          ints: [],
          maybeInts: [],
          requiredInts: [1, null],
          children: [],
          maybeChildren: [],
        },
      },
      {
        reading: {
          ints: [],
          maybeInts: [],
          requiredInts: [],
          children: [{ int: 1 }, null],
          maybeChildren: [],
        },
      },
    ]);

    expect(nonNullItem!.data).toBe(
      '{"reading":{"ints":null,"maybeInts":[],"requiredInts":[],"children":[],"maybeChildren":[]}}',
    );
    expect(nonNullItem!.errors).toEqual([
      nonNullViolation('array element of type Int at index 1', ['reading', 'ints', 1]),
    ]);
    expect(nullableItems!.data).toBe(
      '{"reading":{"ints":[],"maybeInts":[null,1],"requiredInts":[],"children":[],"maybeChildren":[null,{"int":1}]}}',
    );
    expect(nullableItems!.errors).toEqual([]);
    expect(requiredList!.data).toBe('{"reading":null}');
    expect(objectItem!.data).toBe(
      '{"reading":{"ints":[],"maybeInts":[],"requiredInts":[],"children":null,"maybeChildren":[]}}',
    );
  });

  it('null items in nested lists', () => {
    const [innerItem, innerList, valid] = expectSame('{ reading { matrix } }', [
      { reading: { matrix: [[1], [2, null]] } },
      { reading: { matrix: [[1], null] } },
      { reading: { matrix: [[1, 2], []] } },
    ]);

    expect(innerItem!.data).toBe('{"reading":{"matrix":null}}');
    expect(innerItem!.errors).toEqual([
      nonNullViolation('array element of type Int at index 1', ['reading', 'matrix', 1, 1]),
    ]);
    expect(innerList!.data).toBe('{"reading":{"matrix":null}}');
    expect(innerList!.errors).toEqual([
      nonNullViolation('array element of type [Int!] at index 1', ['reading', 'matrix', 1]),
    ]);
    expect(valid!.data).toBe('{"reading":{"matrix":[[1,2],[]]}}');
  });

  it('missing input fields', () => {
    const query =
      '{ reading { int child { int } ints source { id } requiredInt } node { id } requiredReading { int } }';
    const [nullable, required, root] = expectSame(query, [
      { reading: { requiredInt: 1 }, requiredReading: {} },
      { reading: {}, requiredReading: {} },
      {},
    ]);

    expect(nullable!.data).toBe(
      '{"reading":{"int":null,"child":null,"ints":null,"source":null,"requiredInt":1},"node":null,"requiredReading":{"int":null}}',
    );
    expect(nullable!.errors).toEqual([]);
    expect(required!.data).toBe('{"reading":null,"node":null,"requiredReading":{"int":null}}');
    expect(required!.errors).toEqual([
      nonNullViolation('field Reading.requiredInt', ['reading', 'requiredInt']),
    ]);
    expect(root!.data).toBe('null');
  });

  it('empty lists', () => {
    const ours = expectSameOne(
      '{ readings { int } nodes { id } items { __typename } reading { ints requiredInts matrix statuses } }',
      {
        readings: [],
        nodes: [],
        items: [],
        reading: { ints: [], requiredInts: [], matrix: [], statuses: [] },
      },
    );

    expect(ours.data).toBe(
      '{"readings":[],"nodes":[],"items":[],"reading":{"ints":[],"requiredInts":[],"matrix":[],"statuses":[]}}',
    );
  });
});

describe('ResponseShape __typename values', () => {
  it('unknown __typename', () => {
    const query = '{ node { id } nodes { id } item { __typename } reading { int source { id } } }';
    const [unknown, nested] = expectSame(query, [
      {
        node: { __typename: 'Ghost', id: 'g' },
        nodes: [
          { __typename: 'Sensor', id: 'x1' },
          { __typename: 'Ghost', id: 'g' },
        ],
        item: { __typename: 'Ghost' },
        reading: { __typename: 'Ghost', int: 1 },
      },
      {
        node: null,
        nodes: null,
        item: null,
        reading: { int: 1, source: { __typename: 'Ghost', id: 'g' } },
      },
    ]);

    expect(unknown!.data).toBe(
      '{"node":null,"nodes":[{"id":"x1"},null],"item":null,"reading":null}',
    );
    expect(unknown!.errors).toEqual([
      {
        message: 'Invalid __typename found for object at field Query.node.',
        path: ['node'],
        code: 'INVALID_GRAPHQL',
      },
      {
        message: 'Invalid __typename found for object at array element of type Node at index 1.',
        path: ['nodes', 1],
        code: 'INVALID_GRAPHQL',
      },
      {
        message: 'Invalid __typename found for object at field Query.item.',
        path: ['item'],
        code: 'INVALID_GRAPHQL',
      },
      {
        message: 'Invalid __typename found for object at field Query.reading.',
        path: ['reading'],
        code: 'INVALID_GRAPHQL',
      },
    ]);
    expect(nested!.data).toBe(
      '{"node":null,"nodes":null,"item":null,"reading":{"int":1,"source":null}}',
    );
  });

  it('unknown __typename in non-null field', () => {
    const ours = expectSameOne('{ requiredNode { id } }', {
      requiredNode: { __typename: 'Ghost', id: 'g' },
    });

    // The invalid __typename error is the only error, because the null it leaves adds none.
    expect(ours.data).toBe('null');
    expect(ours.errors).toHaveLength(1);
  });

  it('__typename of a non-object type', () => {
    const [scalar, enumType, iface, empty] = expectSame('{ node { __typename id } }', [
      { node: { __typename: 'String', id: 'x' } },
      { node: { __typename: 'Status', id: 'x' } },
      { node: { __typename: 'Node', id: 'x' } },
      { node: { __typename: '', id: 'x' } },
    ]);

    expect(scalar!.data).toBe('{"node":null}');
    expect(scalar!.errors).toHaveLength(1);
    expect(enumType!.data).toBe('{"node":null}');
    // An interface name passes the composite check, but __typename cannot name it.
    expect(iface!.data).toBe('{"node":null}');
    expect(iface!.errors).toEqual([]);
    // An empty name counts as a missing one.
    expect(empty!.data).toBe('{"node":null}');
    expect(empty!.errors).toEqual([]);
  });
});

describe('ResponseShape malformed input', () => {
  it('throws like Apollo on wrong value kinds', () => {
    const cases: [string, Input][] = [
      ['{ reading { children { int } } }', { reading: { children: 5 } }],
      ['{ reading { children { int } } }', { reading: { children: { int: 1 } } }],
      ['{ reading { ints } }', { reading: { ints: 'one' } }],
      ['{ reading { child { int } } }', { reading: { child: 5 } }],
      ['{ node { id } }', { node: 'x1' }],
      ['{ node { id } }', { node: { __typename: 5, id: 'x' } }],
      ['{ nodes { id } }', { nodes: [{ __typename: true, id: 'x' }] }],
    ];

    for (const [query, input] of cases) {
      const shapers = prepare(query);
      const ours = thrownMessage(() => shapers.ours(input));
      const apollo = thrownMessage(() => shapers.apollo(input));
      expect(ours, `message for ${JSON.stringify(input)}`).toBe(apollo);
    }
  });

  it('list in place of an object', () => {
    const ours = expectSameOne('{ reading { child { int } } }', { reading: { child: [1] } });

    expect(ours.data).toBe('{"reading":{"child":{"int":null}}}');
  });
});

// As in computeResponse, a field's type comes from the type it was written on. Messages name
// the object's type, or the fragment's type condition inside a fragment.
describe('ResponseShape on interface implementations', () => {
  it('keeps a nullable interface field nullable on a narrowing implementation', () => {
    // Station.title is String! and Node.title is String.
    const shaped = expectSameOne('{ node { title } items { ... on Node { title } } }', {
      node: { __typename: 'Station', id: 's1', title: null },
      items: [{ __typename: 'Station', title: null }],
    });
    expect(shaped).toEqual({
      data: '{"node":{"title":null},"items":[{"title":null}]}',
      errors: [],
    });
  });

  it('names the fragment type in messages', () => {
    const shaped = expectSameOne('{ node { ... on Node { id } } }', {
      node: { __typename: 'Station', id: null },
    });
    expect(shaped.errors).toEqual([nonNullViolation('field Node.id', ['node', 'id'])]);
  });

  it('falls back to the fragment type for an unknown aliased __typename', () => {
    const shaped = expectSameOne('{ node { ... on Node { kind: __typename } } }', {
      node: { __typename: 'Station', kind: 'Ghost' },
    });
    expect(shaped).toEqual({ data: '{"node":null}', errors: [] });
  });

  it('shapes an object whose __typename does not implement the field type', () => {
    // Reading does not implement Node; the selection still uses Node's fields.
    const shaped = expectSameOne('{ node { title } }', {
      node: { __typename: 'Reading', title: 't' },
    });
    expect(shaped).toEqual({ data: '{"node":{"title":"t"}}', errors: [] });
  });
});

// Each test below pins what ResponseShape returns and what computeResponse returns, so that a
// change to either side fails here.
describe('ResponseShape known differences from computeResponse', () => {
  it('differs on order of merged fragments', () => {
    // Apollo's SelectionSet merges the two `... on Reading` fragments into the first one, so
    // `float` comes before `string`. ResponseShape keeps the order in which the fields appear,
    // as graphql-js does when it executes the same operation.
    const query = '{ reading { ... on Reading { int } string ... on Reading { float } } }';
    const shapers = prepare(query);
    const input = { reading: { int: 1, string: 's', float: 2 } };

    expect(shapers.apollo(input).data).toBe('{"reading":{"int":1,"float":2,"string":"s"}}');
    expect(shapers.ours(input).data).toBe('{"reading":{"int":1,"string":"s","float":2}}');
    const executed = executeSync({ schema: apiSchema, document: parse(query), rootValue: input });
    expect(JSON.stringify(executed.data)).toBe(shapers.ours(input).data);
  });

  it('differs on error order across fragments', () => {
    // Apollo shapes the response once per fragment that repeats a field, so the errors of the
    // repeated part come after those of later fields. ResponseShape merges the selections first.
    const shapers = prepare(
      '{ reading { int } requiredReading { int } ... on Query { reading { float } } }',
    );
    const input = { reading: { int: 'x', float: 'y' }, requiredReading: { int: 'z' } };

    const data = '{"reading":{"int":null,"float":null},"requiredReading":{"int":null}}';
    expect(shapers.apollo(input)).toEqual({
      data,
      errors: [
        invalidValue('Reading', 'int', ['reading', 'int']),
        invalidValue('Reading', 'int', ['requiredReading', 'int']),
        invalidValue('Reading', 'float', ['reading', 'float']),
      ],
    });
    expect(shapers.ours(input)).toEqual({
      data,
      errors: [
        invalidValue('Reading', 'int', ['reading', 'int']),
        invalidValue('Reading', 'float', ['reading', 'float']),
        invalidValue('Reading', 'int', ['requiredReading', 'int']),
      ],
    });
  });

  it('differs on errors inside nulled objects', () => {
    // Apollo's first pass nulls `reading` (or the `children` list), and its second pass skips
    // the null, so the invalid value found only by the second pass is not reported.
    // ResponseShape visits the merged selection and reports it before it reaches the null.
    const objectCase = prepare(
      '{ reading { child { int } requiredInt } ... on Query { reading { child { float } } } }',
    );
    const objectInput = { reading: { child: { int: 1, float: 'x' }, requiredInt: null } };
    const requiredIntError = nonNullViolation('field Reading.requiredInt', [
      'reading',
      'requiredInt',
    ]);

    expect(objectCase.apollo(objectInput)).toEqual({
      data: '{"reading":null}',
      errors: [requiredIntError],
    });
    expect(objectCase.ours(objectInput)).toEqual({
      data: '{"reading":null}',
      errors: [invalidValue('Reading', 'float', ['reading', 'child', 'float']), requiredIntError],
    });

    const listCase = prepare(
      '{ reading { children { requiredInt } } ... on Query { reading { children { int } } } }',
    );
    const listInput = {
      reading: {
        children: [
          { requiredInt: 1, int: 'x' },
          { requiredInt: null, int: 2 },
        ],
      },
    };
    const itemError = nonNullViolation('field Reading.requiredInt', [
      'reading',
      'children',
      1,
      'requiredInt',
    ]);

    expect(listCase.apollo(listInput)).toEqual({
      data: '{"reading":{"children":null}}',
      errors: [itemError],
    });
    expect(listCase.ours(listInput)).toEqual({
      data: '{"reading":{"children":null}}',
      errors: [invalidValue('Reading', 'int', ['reading', 'children', 0, 'int']), itemError],
    });
  });

  it('differs on null __typename', () => {
    // Apollo's assertion accepts only a string or no __typename key. ResponseShape treats null
    // like a missing key.
    const shapers = prepare('{ node { id } }');
    const input = { node: { __typename: null, id: 's1' } };

    expect(thrownMessage(() => shapers.apollo(input))).toBe(
      'Invalid non-string value null for __typename at node',
    );
    expect(shapers.ours(input)).toEqual({ data: '{"node":{"id":"s1"}}', errors: [] });
  });
});
