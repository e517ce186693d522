import fs from 'node:fs';
import type { TlpMarking } from '../domain/tlp.js';

/** A STIX 2.1 marking-definition object carrying a TLP 2.0 marking. */
export interface TlpMarkingDefinition {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: string; tlp_2_0: string }>;
}

/**
 * The five TLP 2.0 marking definitions as OASIS publishes them in
 * oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0. STIX 2.1
 * predefines TLP 1.0 markings only; these use the extension
 * `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`. Their ids are fixed by that
 * publication: another id, or the TLP 1.0 id of GREEN, AMBER or RED, means another marking to
 * every other tool. The JSON file beside this module contains the published objects unchanged.
 */
const definitions = JSON.parse(
  fs.readFileSync(new URL('./tlp-2.0-marking-definitions.json', import.meta.url), 'utf8'),
) as TlpMarkingDefinition[];

/** Value of the `tlp_2_0` property for each marking. */
const TLP_2_0_VALUES: Record<TlpMarking, string> = {
  CLEAR: 'clear',
  GREEN: 'green',
  AMBER: 'amber',
  AMBER_STRICT: 'amber+strict',
  RED: 'red',
};

function definitionOf(marking: TlpMarking): TlpMarkingDefinition {
  const wanted = TLP_2_0_VALUES[marking];
  const found = definitions.find((definition) =>
    Object.values(definition.extensions).some((extension) => extension.tlp_2_0 === wanted),
  );
  if (!found) throw new Error(`dxhub incidents: the TLP 2.0 definitions lack ${wanted}`);
  return found;
}

/** The marking definition for each TLP 2.0 marking, resolved once at load. */
export const TLP_MARKING_DEFINITIONS: Record<TlpMarking, TlpMarkingDefinition> = {
  CLEAR: definitionOf('CLEAR'),
  GREEN: definitionOf('GREEN'),
  AMBER: definitionOf('AMBER'),
  AMBER_STRICT: definitionOf('AMBER_STRICT'),
  RED: definitionOf('RED'),
};
