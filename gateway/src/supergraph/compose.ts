import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import type { SubgraphModule } from '@dxhub/kit';
import { print } from 'graphql';

/** One subgraph as composition takes it. */
export interface SubgraphSdl {
  name: string;
  /** Routing URL written into the supergraph's `join__Graph` enum. */
  url: string;
  sdl: string;
}

/** The output of one composition: what `pnpm compose` writes to `schema/`. */
export interface HubComposition {
  subgraphs: SubgraphSdl[];
  /** The full supergraph, with its `for: SECURITY` links, as other routers expect it. */
  supergraphSdl: string;
  /** The client-facing schema: what the gateway serves and clients and the SDK see. */
  apiSdl: string;
}

/** Raised when composition reports errors; `errors` lists each with its code. */
export class CompositionError extends Error {
  readonly code = 'SUPERGRAPH_COMPOSITION_FAILED';
  constructor(readonly errors: { code: string; message: string }[]) {
    super(
      `Composition failed with ${errors.length} error(s):\n${errors.map((e) => `- [${e.code}] ${e.message}`).join('\n')}`,
    );
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraph modules into a supergraph with `@apollo/composition`. The subgraph SDL
 * is the module's `typeDefs` as it builds its schema from, printed. `urlOf` gives each
 * subgraph's routing URL. Throws {@link CompositionError} when composition fails.
 */
export function composeHub(
  modules: readonly Pick<SubgraphModule, 'name' | 'typeDefs'>[],
  urlOf: (name: string) => string,
): HubComposition {
  const subgraphs = modules.map((module) => ({
    name: module.name,
    url: urlOf(module.name),
    typeDefs: module.typeDefs,
  }));
  const result = composeServices(subgraphs);
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((error) => ({
        code: String(
          (error.extensions as { code?: unknown } | undefined)?.code ?? 'COMPOSITION_ERROR',
        ),
        message: error.message,
      })),
    );
  }
  return {
    subgraphs: subgraphs.map(({ name, url, typeDefs }) => ({
      name,
      url,
      sdl: `${print(typeDefs)}\n`,
    })),
    supergraphSdl: result.supergraphSdl.endsWith('\n')
      ? result.supergraphSdl
      : `${result.supergraphSdl}\n`,
    apiSdl: `${printSchema(result.schema.toAPISchema())}\n`,
  };
}
