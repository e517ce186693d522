import type { SubgraphModule } from '@dxhub/kit';
import { incidentsSubgraph } from '@dxhub/incidents';
import { networkSubgraph } from '@dxhub/network';
import { projectsSubgraph } from '@dxhub/projects';
import { staffingSubgraph } from '@dxhub/staffing';
import { surveysSubgraph } from '@dxhub/surveys';

/**
 * The five subgraph modules in the order they migrate and start. The network subgraph comes
 * first because it creates `network.org_tree`, which the others read for jurisdiction checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module has its own loader type
export const SUBGRAPHS: readonly SubgraphModule<any>[] = [
  networkSubgraph,
  staffingSubgraph,
  projectsSubgraph,
  surveysSubgraph,
  incidentsSubgraph,
];

/* eslint-disable @typescript-eslint/no-explicit-any -- each module has its own loader type; see SUBGRAPHS */
/** Finds a registered subgraph module by name; throws `TypeError` for an unknown name. */
export function subgraphModule(
  name: string,
  modules: readonly SubgraphModule<any>[] = SUBGRAPHS,
): SubgraphModule<any> {
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const found = modules.find((module) => module.name === name);
  if (!found) {
    throw new TypeError(
      `dxhub gateway: unknown subgraph "${name}"; known subgraphs: ${modules.map((m) => m.name).join(', ')}`,
    );
  }
  return found;
}
