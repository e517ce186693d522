import type { SubgraphContext } from '@dxhub/kit';
import type { IncidentsLoaders } from './loaders.js';

/** Context every resolver of the incidents subgraph receives. */
export type Context = SubgraphContext<IncidentsLoaders>;
