/**
 * Disclosure control for anonymous surveys: decides which groups of responses may show their
 * answers, so that no answer can be tied to fewer than `threshold` respondents.
 *
 * The groups a caller can ask for form a two-way table over the responses in the caller's
 * jurisdiction: cells (province, level), row margins (province), column margins (level) and the
 * grand total. A group under the threshold is withheld (primary suppression). Withholding alone
 * is not enough, because released groups can be subtracted: "Hà Nội, all levels" minus
 * "Hà Nội, communes" is the province body's own answer, and the whole jurisdiction minus every
 * released province gives the one withheld. So more groups are withheld (secondary suppression)
 * until these rules hold:
 *
 * 1. In every line (a province's cells, a level's cells, the provinces, the levels) whose margin
 *    is released, the withheld members add up to 0 or at least `threshold` responses, so
 *    subtracting the released ones only reveals an aggregate of enough respondents.
 * 2. Two released groups of which one contains the other (as sets of responses, so empty cells
 *    count) differ by 0 or at least `threshold` responses.
 * 3. Writing each line as "members minus margin = 0", the withheld groups are the edges of a
 *    bipartite graph between the rows and columns of the table with margins. A combination of
 *    withheld groups can be computed from released figures exactly when its edges contain a
 *    cut of that graph. So no withheld group may be a bridge (a cut of one edge), and no two
 *    withheld groups may form a cut whose sum, or for nested groups whose difference, is under
 *    the threshold. Such a cut is broken by also withholding the smallest released group that
 *    crosses it.
 *
 * NOTE: cuts of three or more withheld groups are checked only where they are a whole line
 * (rule 1); other such cuts are not searched for.
 *
 * Answers change only while a survey is open, and anonymous results are shown only once it has
 * closed, so the table is fixed while a caller compares results.
 */

/** Respondent count of one (province, level) cell; `province` is '' for units outside any province. */
export interface DisclosureCell {
  province: string;
  level: string;
  responses: number;
}

const TOTAL = '*';

/** A group of the table: a province key or TOTAL, and a level or TOTAL. */
export interface GroupKey {
  province: string;
  level: string;
}

interface Edge {
  key: string;
  province: string;
  level: string;
  row: string;
  column: string;
  count: number;
  grandTotal: boolean;
  /** The non-empty cells the group is made of. */
  cells: Set<string>;
}

function edgeKey(province: string, level: string): string {
  return `${province}\u0000${level}`;
}

/** The outcome of disclosure control over one caller's table. */
export class DisclosurePlan {
  private readonly counts = new Map<string, number>();
  private readonly withheld = new Set<string>();

  constructor(
    cells: DisclosureCell[],
    readonly threshold: number,
  ) {
    const add = (province: string, level: string, n: number) => {
      const key = edgeKey(province, level);
      this.counts.set(key, (this.counts.get(key) ?? 0) + n);
    };
    for (const cell of cells) {
      add(cell.province, cell.level, cell.responses);
      add(cell.province, TOTAL, cell.responses);
      add(TOTAL, cell.level, cell.responses);
      add(TOTAL, TOTAL, cell.responses);
    }
    this.suppress();
  }

  /** Responses in a group; TOTAL ('*') stands for every province or every level. */
  count(group: GroupKey): number {
    return this.counts.get(edgeKey(group.province, group.level)) ?? 0;
  }

  /** Whether the answers of a group may be shown. Empty groups reveal nothing and count as released. */
  isReleased(group: GroupKey): boolean {
    return !this.withheld.has(edgeKey(group.province, group.level));
  }

  /** True when the group is withheld because it is itself under the threshold. */
  isTooSmall(group: GroupKey): boolean {
    const n = this.count(group);
    return n > 0 && n < this.threshold;
  }

  private edges(): Edge[] {
    const nonEmpty = [...this.counts.entries()].filter(([, count]) => count > 0);
    const interior = nonEmpty
      .map(([key]) => key)
      .filter((key) => !key.split('\u0000').includes(TOTAL));
    return nonEmpty.map(([key, count]) => {
      const [province = '', level = ''] = key.split('\u0000');
      const cells = new Set(
        interior.filter((cell) => {
          const [p, l] = cell.split('\u0000');
          return (province === TOTAL || province === p) && (level === TOTAL || level === l);
        }),
      );
      return {
        key,
        province,
        level,
        row: `r:${province}`,
        column: `c:${level}`,
        count,
        grandTotal: province === TOTAL && level === TOTAL,
        cells,
      };
    });
  }

  private suppress(): void {
    const edges = this.edges();
    for (const edge of edges) if (edge.count < this.threshold) this.withheld.add(edge.key);
    // Each pass withholds one more group, so the loop ends after at most `edges.length` passes.
    for (let pass = 0; pass <= edges.length; pass += 1) {
      const next =
        this.lineViolation(edges) ?? this.nestedViolation(edges) ?? this.cutViolation(edges);
      if (!next) return;
      this.withheld.add(next.key);
    }
  }

  private isHidden = (edge: Edge): boolean => this.withheld.has(edge.key);

  /** Rule 1: the released group to withhold next for a line whose withheld members are too few. */
  private lineViolation(edges: Edge[]): Edge | undefined {
    const lines = new Map<string, { margin?: Edge; members: Edge[] }>();
    const lineOf = (id: string) => {
      let line = lines.get(id);
      if (!line) lines.set(id, (line = { members: [] }));
      return line;
    };
    for (const edge of edges) {
      // A row line contains a province's cells (or, for TOTAL, the level margins), with the
      // province margin (or the grand total) as its margin; columns likewise.
      if (edge.level === TOTAL) lineOf(`row:${edge.province}`).margin = edge;
      else lineOf(`row:${edge.province}`).members.push(edge);
      if (edge.province === TOTAL) lineOf(`column:${edge.level}`).margin = edge;
      else lineOf(`column:${edge.level}`).members.push(edge);
    }
    for (const line of lines.values()) {
      if (!line.margin || this.isHidden(line.margin)) continue;
      const hidden = line.members.filter(this.isHidden).reduce((sum, e) => sum + e.count, 0);
      if (hidden > 0 && hidden < this.threshold) {
        const candidate = smallest(line.members.filter((e) => !this.isHidden(e)));
        if (candidate) return candidate;
      }
    }
    return undefined;
  }

  /** Rule 2: the smaller of two nested released groups that differ by fewer than `threshold` responses. */
  private nestedViolation(edges: Edge[]): Edge | undefined {
    const released = edges.filter((e) => !this.isHidden(e));
    for (const outer of released) {
      for (const inner of released) {
        const difference = outer.count - inner.count;
        if (outer === inner || difference <= 0 || difference >= this.threshold) continue;
        if (contains(outer, inner)) return inner;
      }
    }
    return undefined;
  }

  /** Rule 3: the released group to withhold next so that a small cut of withheld groups gets crossed. */
  private cutViolation(edges: Edge[]): Edge | undefined {
    const hidden = edges.filter(this.isHidden);
    const crossingOf = (removed: Edge[]) => {
      const rest = hidden.filter((e) => !removed.includes(e));
      const side = reachable(removed[0]?.row ?? '', rest);
      return smallest(
        edges.filter((e) => !this.isHidden(e) && side.has(e.row) !== side.has(e.column)),
      );
    };

    const single = bridges(hidden);
    for (const bridge of single) {
      const candidate = crossingOf([bridge]);
      if (candidate) return candidate;
    }
    for (const first of hidden) {
      if (single.has(first)) continue;
      for (const second of bridges(hidden.filter((e) => e !== first))) {
        if (single.has(second) || !this.pairLeaks(first, second)) continue;
        const candidate = crossingOf([first, second]);
        if (candidate) return candidate;
      }
    }
    return undefined;
  }

  /** Tells whether two withheld groups' sum, or for nested groups their difference, covers too few respondents. */
  private pairLeaks(a: Edge, b: Edge): boolean {
    if (contains(a, b) || contains(b, a)) {
      const difference = Math.abs(a.count - b.count);
      return difference > 0 && difference < this.threshold;
    }
    return a.count + b.count < this.threshold;
  }
}

/** Tells whether group `outer` contains every response of group `inner`. */
function contains(outer: Edge, inner: Edge): boolean {
  for (const cell of inner.cells) if (!outer.cells.has(cell)) return false;
  return true;
}

/** Picks the smallest group, the grand total last, so a caller keeps the overall figures when possible. */
function smallest(edges: Edge[]): Edge | undefined {
  return [...edges].sort(
    (a, b) =>
      Number(a.grandTotal) - Number(b.grandTotal) ||
      a.count - b.count ||
      a.key.localeCompare(b.key),
  )[0];
}

function adjacency(edges: Edge[]): Map<string, { node: string; edge: Edge }[]> {
  const neighbours = new Map<string, { node: string; edge: Edge }[]>();
  for (const edge of edges) {
    neighbours.set(edge.row, [...(neighbours.get(edge.row) ?? []), { node: edge.column, edge }]);
    neighbours.set(edge.column, [...(neighbours.get(edge.column) ?? []), { node: edge.row, edge }]);
  }
  return neighbours;
}

/** Nodes reachable from `start` over the given edges. */
function reachable(start: string, edges: Edge[]): Set<string> {
  const neighbours = adjacency(edges);
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop() as string;
    for (const next of neighbours.get(node) ?? []) {
      if (!seen.has(next.node)) {
        seen.add(next.node);
        stack.push(next.node);
      }
    }
  }
  return seen;
}

/** The bridges of a graph (edges on no cycle), by Tarjan's low-link method. */
function bridges(edges: Edge[]): Set<Edge> {
  const neighbours = adjacency(edges);
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const found = new Set<Edge>();
  let counter = 0;
  const visit = (node: string, via: Edge | null) => {
    order.set(node, counter);
    low.set(node, counter);
    counter += 1;
    for (const { node: next, edge } of neighbours.get(node) ?? []) {
      if (edge === via) continue;
      if (!order.has(next)) {
        visit(next, edge);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
        if ((low.get(next) as number) > (order.get(node) as number)) found.add(edge);
      } else {
        low.set(node, Math.min(low.get(node) as number, order.get(next) as number));
      }
    }
  };
  for (const node of neighbours.keys()) if (!order.has(node)) visit(node, null);
  return found;
}

/** The key meaning "every province" or "every level" in a {@link GroupKey}. */
export const ALL = TOTAL;
