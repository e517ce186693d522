import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import type { SubgraphContext } from './context.js';
import { DxError } from './errors.js';

/**
 * Maximum length of one input string, in characters. Names and codes are far shorter and
 * descriptions fit well within it, so a longer value is a mistake or an attempt to fill the database.
 */
export const MAX_INPUT_STRING_LENGTH = 20_000;

type BadString = { path: string; problem: 'NUL' | 'TOO_LONG' };

/** Returns the problem of one string, or null when the string is fine. */
function stringProblem(value: string): BadString['problem'] | null {
  if (value.includes('\u0000')) return 'NUL';
  return value.length > MAX_INPUT_STRING_LENGTH ? 'TOO_LONG' : null;
}

/**
 * Returns the first string that contains U+0000 (PostgreSQL text rejects it) or is too long.
 * The path is joined only for the string found, because `_entities` variables carry hundreds
 * of representations and most requests have no bad string at all.
 */
function findBadString(value: unknown, path: string): BadString | null {
  const trail: (string | number)[] = [];
  const problem = findProblem(value, trail);
  if (!problem) return null;
  return { path: [path, ...trail.reverse()].join('.'), problem };
}

/** Finds the first bad string below `value` and pushes its path, innermost first, to `trail`. */
function findProblem(value: unknown, trail: (string | number)[]): BadString['problem'] | null {
  if (typeof value === 'string') return stringProblem(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const problem = findProblem(value[i], trail);
      if (problem) {
        trail.push(i);
        return problem;
      }
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const problem = findProblem((value as Record<string, unknown>)[key], trail);
      if (problem) {
        trail.push(key);
        return problem;
      }
    }
  }
  return null;
}

/** Any character outside ASCII; an ASCII-only string is already in NFC. */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Returns `value` with every string in NFC, the form all stored Vietnamese text uses. Objects
 * and arrays are copied only where a string changes, so an unchanged value is returned as is.
 */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return NON_ASCII.test(value) ? value.normalize('NFC') : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const inner: unknown = value[i];
      const normalized = normalizeStrings(inner);
      if (normalized !== inner) {
        copy ??= value.slice();
        copy[i] = normalized;
      }
    }
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const inner = (value as Record<string, unknown>)[key];
      const normalized = normalizeStrings(inner);
      if (normalized !== inner) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[key] = normalized;
      }
    }
    return copy ?? value;
  }
  return value;
}

function findBadLiteral(document: DocumentNode): BadString | null {
  let found: BadString | null = null;
  visit(document, {
    StringValue(node) {
      found ??= findBadString(node.value, 'query');
    },
  });
  return found;
}

/**
 * Rejects strings with a NUL character, which PostgreSQL text rejects deep inside a query, and
 * strings over {@link MAX_INPUT_STRING_LENGTH}, and puts variable strings in NFC so that "Hòa" typed in NFD matches the stored name. Runs before
 * any resolver, so no resolver sees either.
 */
export function useInputHygiene(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const locale = contextValue.locale;
          const bad =
            (request.variables ? findBadString(request.variables, 'variables') : null) ??
            findBadLiteral(document);
          if (bad) {
            const reason =
              bad.problem === 'NUL'
                ? locale === 'vi'
                  ? 'chuỗi chứa ký tự NUL (U+0000); hãy bỏ ký tự này'
                  : 'the text contains a NUL character (U+0000); remove it'
                : locale === 'vi'
                  ? `chuỗi dài hơn ${MAX_INPUT_STRING_LENGTH} ký tự; hãy rút ngắn`
                  : `the text is longer than ${MAX_INPUT_STRING_LENGTH} characters; shorten it`;
            throw new DxError('BAD_USER_INPUT', {
              locale,
              params: { field: bad.path, reason },
              extensions: {
                field: bad.path,
                reason: bad.problem === 'NUL' ? 'NUL_CHARACTER' : 'TOO_LONG',
              },
            });
          }
          if (request.variables) {
            const variables = request.variables;
            for (const key of Object.keys(variables))
              variables[key] = normalizeStrings(variables[key]);
          }
        },
      };
    },
  };
}
