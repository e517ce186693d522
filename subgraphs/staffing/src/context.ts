import type { SubgraphContext } from '@dxhub/kit';
import type { StaffingLoaders } from './loaders.js';

/** The resolver context of the staffing subgraph. */
export type Context = SubgraphContext<StaffingLoaders>;
