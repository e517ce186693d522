import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * A parsed GraphQL document as `graphql`'s `parse` or `graphql-tag` returns it. Only the parts the
 * SDK reads are typed, so the SDK needs no `graphql` at run time.
 *
 * @example
 * ```ts
 * import { parse } from 'graphql';
 * const node: DocumentNodeLike = parse('{ limits { maxPageSize } }');
 * ```
 */
export interface DocumentNodeLike {
  readonly kind: 'Document';
  readonly definitions: readonly {
    readonly kind: string;
    readonly operation?: string;
    readonly name?: { readonly value: string };
  }[];
  readonly loc?: { readonly source: { readonly body: string } };
}

/**
 * A GraphQL operation the client can send: query text, a typed document string such as the SDK's
 * generated documents (a `String` object), or a parsed document (`TypedDocumentNode`). The result and variable types
 * travel with typed documents; for plain strings pass them as type arguments.
 *
 * @example
 * ```ts
 * const doc: DocumentInput<{ limits: { maxPageSize: number } }, Record<string, never>> =
 *   '{ limits { maxPageSize } }';
 * ```
 */
export type DocumentInput<TResult, TVariables> =
  string | (DocumentTypeDecoration<TResult, TVariables> & object);

/**
 * The result type of a typed document.
 *
 * @example
 * ```ts
 * type Limits = ResultOf<typeof LimitsDocument>; // { limits: { maxPageSize: number; maxBatchSize: number } }
 * ```
 */
export type ResultOf<TDocument> =
  TDocument extends DocumentTypeDecoration<infer TResult, unknown> ? TResult : never;

/**
 * The variables type of a typed document.
 *
 * @example
 * ```ts
 * const variables: VariablesOf<typeof OrganizationDocument> = { code: '01' };
 * ```
 */
export type VariablesOf<TDocument> =
  TDocument extends DocumentTypeDecoration<unknown, infer TVariables> ? TVariables : never;

/**
 * Turns a parsed document back into text; `print` from `graphql` fits.
 *
 * @example
 * ```ts
 * import { print } from 'graphql';
 * const hub = createClient({ url, print: print as PrintDocument });
 * ```
 */
export type PrintDocument = (document: DocumentNodeLike) => string;

export type OperationType = 'query' | 'mutation' | 'subscription';

/** The document's text and the type of the operation it runs. */
export interface PreparedDocument {
  query: string;
  operationType: OperationType;
}

function isDocumentNode(value: unknown): value is DocumentNodeLike {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document'
  );
}

/**
 * Finds the type of the operation that runs: the one named `operationName`, or the first one.
 * Reads top-level tokens only, skipping comments, strings, variable definitions and selection
 * sets, so a field or argument called `mutation` does not count.
 */
export function operationTypeOf(query: string, operationName?: string): OperationType {
  const operations: { type: OperationType; name: string | undefined }[] = [];
  let braces = 0;
  let parentheses = 0;
  // True between a definition keyword and the selection set that opens its body.
  let inDefinitionHead = false;
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    if (char === '#') {
      const end = query.indexOf('\n', index);
      index = end === -1 ? query.length : end + 1;
      continue;
    }
    if (char === '"') {
      const closing = query.startsWith('"""', index) ? '"""' : '"';
      let cursor = index + closing.length;
      while (cursor < query.length && !query.startsWith(closing, cursor))
        cursor += query[cursor] === '\\' ? 2 : 1;
      index = cursor + closing.length;
      continue;
    }
    if (char === '(') parentheses += 1;
    else if (char === ')') parentheses -= 1;
    else if (parentheses === 0 && char === '{') {
      if (braces === 0 && !inDefinitionHead) operations.push({ type: 'query', name: undefined });
      if (braces === 0) inDefinitionHead = false;
      braces += 1;
    } else if (parentheses === 0 && char === '}') braces -= 1;
    else if (braces === 0 && parentheses === 0 && /[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_]\w*/.exec(query.slice(index))![0];
      if (
        !inDefinitionHead &&
        (word === 'query' || word === 'mutation' || word === 'subscription')
      ) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(query.slice(index + word.length))?.[1];
        operations.push({ type: word, name });
        inDefinitionHead = true;
      } else if (!inDefinitionHead && word === 'fragment') {
        inDefinitionHead = true;
      }
      index += word.length;
      continue;
    }
    index += 1;
  }
  const chosen = operationName
    ? operations.find((operation) => operation.name === operationName)
    : operations[0];
  return chosen?.type ?? 'query';
}

/**
 * Reads the query text and operation type of any {@link DocumentInput}. A parsed document needs
 * its source location (kept by `graphql`'s `parse` and by `graphql-tag`) or a `print` function.
 */
export function prepareDocument<TResult, TVariables>(
  document: DocumentInput<TResult, TVariables>,
  print: PrintDocument | undefined,
  operationName?: string,
): PreparedDocument {
  if (typeof document === 'string' || document instanceof String) {
    const query = String(document);
    return { query, operationType: operationTypeOf(query, operationName) };
  }
  if (isDocumentNode(document)) {
    const query = document.loc?.source.body ?? print?.(document);
    if (query === undefined) {
      throw new TypeError(
        '@dxhub/sdk: the parsed document has no source text; pass `print` from graphql in the client options, or generate documents with documentMode "string"',
      );
    }
    const operations = document.definitions.filter(
      (definition) => definition.kind === 'OperationDefinition',
    );
    const chosen = operationName
      ? operations.find((definition) => definition.name?.value === operationName)
      : operations[0];
    const operationType = (chosen?.operation ?? 'query') as OperationType;
    return { query, operationType };
  }
  throw new TypeError(
    '@dxhub/sdk: a document must be a string, a typed document string or a parsed GraphQL document',
  );
}
