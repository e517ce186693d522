import { describe, expect, it } from 'vitest';
import {
  ALL,
  DisclosurePlan,
  type DisclosureCell,
  type GroupKey,
} from '../src/results/disclosure.js';

const LEVELS = ['PROVINCE', 'COMMUNE', 'COMMUNITY'];

/** Lists every group of the table: cells, province and level margins, and the grand total. */
function groupsOf(cells: DisclosureCell[]): GroupKey[] {
  const provinces = [...new Set(cells.map((c) => c.province))];
  const levels = [...new Set(cells.map((c) => c.level))];
  return [
    { province: ALL, level: ALL },
    ...provinces.map((province) => ({ province, level: ALL })),
    ...levels.map((level) => ({ province: ALL, level })),
    ...cells.map((c) => ({ province: c.province, level: c.level })),
  ];
}

function covers(group: GroupKey, cell: DisclosureCell): boolean {
  return (
    (group.province === ALL || group.province === cell.province) &&
    (group.level === ALL || group.level === cell.level)
  );
}

/** Whether `outer` contains every response of `inner`, judged on the table's non-empty cells. */
function contains(cells: DisclosureCell[], outer: GroupKey, inner: GroupKey): boolean {
  return cells.filter((c) => c.responses > 0 && covers(inner, c)).every((c) => covers(outer, c));
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] as number) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const pivotRow = m[r] as number[];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const row = m[i] as number[];
      const factor = (row[c] as number) / (pivotRow[c] as number);
      if (factor !== 0)
        for (let j = c; j < columns; j += 1)
          row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    }
    r += 1;
  }
  return r;
}

/**
 * Finds small combinations of withheld groups that released figures reveal. The check uses
 * linear algebra, independent of the graph rules the plan uses. A combination (one group, the
 * sum of two, or the difference of two nested ones) is determined when its vector lies in the
 * row space of the table's sum constraints restricted to the withheld groups. Returns each
 * determined combination that covers fewer than `threshold` respondents.
 */
function determinedCombinations(
  plan: DisclosurePlan,
  cells: DisclosureCell[],
  threshold: number,
): string[] {
  const groups = groupsOf(cells);
  const unknown = groups.filter((g) => plan.count(g) > 0 && !plan.isReleased(g));
  const index = new Map(unknown.map((g, i) => [`${g.province}|${g.level}`, i]));
  const constraints: number[][] = [];
  const add = (members: GroupKey[], margin: GroupKey) => {
    const row = new Array<number>(unknown.length).fill(0);
    for (const m of members) {
      const i = index.get(`${m.province}|${m.level}`);
      if (i !== undefined) row[i] = (row[i] as number) + 1;
    }
    const j = index.get(`${margin.province}|${margin.level}`);
    if (j !== undefined) row[j] = (row[j] as number) - 1;
    constraints.push(row);
  };
  const provinces = [...new Set(cells.map((c) => c.province))];
  const levels = [...new Set(cells.map((c) => c.level))];
  for (const province of provinces)
    add(
      levels.map((level) => ({ province, level })),
      { province, level: ALL },
    );
  for (const level of levels)
    add(
      provinces.map((province) => ({ province, level })),
      { province: ALL, level },
    );
  add(
    provinces.map((province) => ({ province, level: ALL })),
    { province: ALL, level: ALL },
  );
  add(
    levels.map((level) => ({ province: ALL, level })),
    { province: ALL, level: ALL },
  );
  const base = rank(constraints);
  const determined = (weights: [number, number][]) => {
    const vector = new Array<number>(unknown.length).fill(0);
    for (const [i, weight] of weights) vector[i] = weight;
    return rank([...constraints, vector]) === base;
  };
  const name = (g: GroupKey) => `${g.province}/${g.level}`;
  const found: string[] = [];
  unknown.forEach((a, i) => {
    if (determined([[i, 1]])) found.push(`withheld ${name(a)} can be computed`);
    unknown.forEach((b, j) => {
      if (j === i) return;
      const [na, nb] = [plan.count(a), plan.count(b)];
      if (contains(cells, a, b)) {
        if (
          na - nb > 0 &&
          na - nb < threshold &&
          determined([
            [i, 1],
            [j, -1],
          ])
        )
          found.push(`withheld ${name(a)} minus ${name(b)} can be computed`);
      } else if (
        j > i &&
        !contains(cells, b, a) &&
        na + nb < threshold &&
        determined([
          [i, 1],
          [j, 1],
        ])
      ) {
        found.push(`withheld ${name(a)} plus ${name(b)} can be computed`);
      }
    });
  });
  return found;
}

/** Lists, as sentences, every way the plan discloses fewer than `threshold` respondents. */
function leaks(plan: DisclosurePlan, cells: DisclosureCell[], threshold: number): string[] {
  const found: string[] = [];
  const groups = groupsOf(cells);
  const released = groups.filter((g) => plan.isReleased(g) && plan.count(g) > 0);
  for (const g of released) {
    if (plan.count(g) < threshold) found.push(`small group ${g.province}/${g.level} released`);
  }
  for (const outer of released) {
    for (const inner of released) {
      const difference = plan.count(outer) - plan.count(inner);
      if (
        outer !== inner &&
        contains(cells, outer, inner) &&
        difference > 0 &&
        difference < threshold
      ) {
        found.push(
          `${outer.province}/${outer.level} minus ${inner.province}/${inner.level} leaves ${difference}`,
        );
      }
    }
  }
  found.push(...determinedCombinations(plan, cells, threshold));
  return found;
}

/** A small deterministic pseudo-random generator, so failures can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('disclosure plan', () => {
  it('releases every group of a large table', () => {
    const cells = [
      { province: '01', level: 'COMMUNE', responses: 40 },
      { province: '01', level: 'PROVINCE', responses: 6 },
      { province: '79', level: 'COMMUNE', responses: 30 },
      { province: '79', level: 'PROVINCE', responses: 5 },
    ];
    const plan = new DisclosurePlan(cells, 5);
    for (const group of groupsOf(cells))
      expect(plan.isReleased(group), `${group.province}/${group.level}`).toBe(true);
  });

  it('withholds a small province and a complement', () => {
    const cells = [
      { province: 'P1', level: 'COMMUNE', responses: 20 },
      { province: 'P2', level: 'COMMUNE', responses: 9 },
      { province: 'P3', level: 'COMMUNE', responses: 2 },
    ];
    const plan = new DisclosurePlan(cells, 5);
    expect(plan.isReleased({ province: ALL, level: ALL })).toBe(true);
    expect(plan.isReleased({ province: 'P1', level: ALL })).toBe(true);
    expect(plan.isReleased({ province: 'P3', level: ALL })).toBe(false);
    expect(plan.isTooSmall({ province: 'P3', level: ALL })).toBe(true);
    // Without hiding P2 too, everything minus P1 minus P2 would be P3's two respondents.
    expect(plan.isReleased({ province: 'P2', level: ALL })).toBe(false);
    expect(plan.isTooSmall({ province: 'P2', level: ALL })).toBe(false);
    expect(leaks(plan, cells, 5)).toEqual([]);
  });

  it('stops a province minus its communes', () => {
    // The province's own body is the only non-commune respondent of P1.
    const cells = [
      { province: 'P1', level: 'PROVINCE', responses: 1 },
      { province: 'P1', level: 'COMMUNE', responses: 12 },
      { province: 'P2', level: 'PROVINCE', responses: 6 },
      { province: 'P2', level: 'COMMUNE', responses: 30 },
    ];
    const plan = new DisclosurePlan(cells, 5);
    const province = plan.isReleased({ province: 'P1', level: ALL });
    const communes = plan.isReleased({ province: 'P1', level: 'COMMUNE' });
    expect(province && communes).toBe(false);
    expect(leaks(plan, cells, 5)).toEqual([]);
  });

  it('withholds everything below the threshold', () => {
    const cells = [
      { province: 'P1', level: 'COMMUNE', responses: 2 },
      { province: 'P2', level: 'COMMUNE', responses: 2 },
    ];
    const plan = new DisclosurePlan(cells, 5);
    for (const group of groupsOf(cells)) expect(plan.isReleased(group)).toBe(false);
  });

  it('never leaks on random tables', () => {
    const random = generator(20_250_701);
    const sizes = [0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 25];
    for (let trial = 0; trial < 400; trial += 1) {
      const threshold = 3 + Math.floor(random() * 5);
      const provinces = 1 + Math.floor(random() * 6);
      const cells: DisclosureCell[] = [];
      for (let p = 0; p < provinces; p += 1) {
        for (const level of LEVELS) {
          cells.push({
            province: `P${p}`,
            level,
            responses: sizes[Math.floor(random() * sizes.length)] as number,
          });
        }
      }
      const plan = new DisclosurePlan(cells, threshold);
      expect(leaks(plan, cells, threshold), JSON.stringify({ threshold, cells })).toEqual([]);
    }
  });

  it('independent check finds a leak in a naive plan', () => {
    // Guards the checker itself: primary suppression alone must be reported as leaking.
    const cells = [
      { province: 'P1', level: 'COMMUNE', responses: 20 },
      { province: 'P2', level: 'COMMUNE', responses: 2 },
    ];
    const naive = {
      count: (g: GroupKey) => new DisclosurePlan(cells, 5).count(g),
      isReleased: (g: GroupKey) => new DisclosurePlan(cells, 1).count(g) >= 5,
    } as unknown as DisclosurePlan;
    expect(leaks(naive, cells, 5).length).toBeGreaterThan(0);
  });
});
