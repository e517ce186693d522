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

/** Returns the first string that contains U+0000 (PostgreSQL text rejects it) or is too long. */
function findBadString(value: unknown, path: string): BadString | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, problem: 'NUL' };
    return value.length > MAX_INPUT_STRING_LENGTH ? { path, problem: 'TOO_LONG' } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findBadString(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findBadString(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Puts every string of a variables object in NFC, the form all stored Vietnamese text uses. */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, normalizeStrings(inner)]),
    );
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
            const normalized = normalizeStrings(request.variables) as Record<string, unknown>;
            for (const key of Object.keys(normalized)) request.variables[key] = normalized[key];
          }
        },
      };
    },
  };
}
