import type { SubgraphContext } from '@dxhub/kit';
import type { ProjectsLoaders } from '../loaders.js';

/** Resolver context of the projects subgraph. */
export type Context = SubgraphContext<ProjectsLoaders>;
