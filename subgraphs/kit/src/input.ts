import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import type { SubgraphContext } from './context.js';
import { DxError } from './errors.js';

/** Returns the path of the first string containing U+0000, which PostgreSQL text cannot store. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNul(inner, `${path}.${key}`);
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

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/**
 * Rejects strings with a NUL character, which PostgreSQL text rejects deep inside a query, and
 * puts variable strings in NFC so that "Hòa" typed in NFD matches the stored name. Runs before
 * any resolver, so no resolver sees either.
 */
export function useInputHygiene(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const locale = contextValue.locale;
          const nulPath = request.variables ? findNul(request.variables, 'variables') : null;
          if (nulPath || documentHasNul(document)) {
            const field = nulPath ?? 'query';
            throw new DxError('BAD_USER_INPUT', {
              locale,
              params: {
                field,
                reason:
                  locale === 'vi'
                    ? 'chuỗi chứa ký tự NUL (U+0000); hãy bỏ ký tự này'
                    : 'the text contains a NUL character (U+0000); remove it',
              },
              extensions: { field },
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
