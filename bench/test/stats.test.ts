import { describe, expect, it } from 'vitest';
import { median, pairedRatios, roundOrder, spread } from '../lib/stats.js';

const TARGETS = ['hub', 'apollo', 'hive', 'hub-in-process', 'floor'];

describe('roundOrder', () => {
  it('keeps the first pair adjacent', () => {
    for (let round = 1; round <= 10; round += 1) {
      const order = roundOrder(TARGETS, round);
      expect([...order].sort()).toEqual([...TARGETS].sort());
      expect(Math.abs(order.indexOf('hub') - order.indexOf('apollo'))).toBe(1);
    }
  });

  it('alternates which of the pair runs first', () => {
    const hubFirst = [1, 2, 3, 4].map((round) => {
      const order = roundOrder(TARGETS, round);
      return order.indexOf('hub') < order.indexOf('apollo');
    });
    expect(hubFirst).toEqual([true, false, true, false]);
  });

  it('moves the pair through every position', () => {
    const positions = new Set(
      [1, 2, 3, 4].map((round) =>
        Math.min(
          roundOrder(TARGETS, round).indexOf('hub'),
          roundOrder(TARGETS, round).indexOf('apollo'),
        ),
      ),
    );
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
  });

  it('handles one and two targets', () => {
    expect(roundOrder(['hub'], 2)).toEqual(['hub']);
    expect(roundOrder(['hub', 'apollo'], 1)).toEqual(['hub', 'apollo']);
    expect(roundOrder(['hub', 'apollo'], 2)).toEqual(['apollo', 'hub']);
  });
});

describe('paired ratios', () => {
  it('pairs runs of the same round only', () => {
    const hub = new Map([
      [1, 120],
      [2, 90],
      [3, 100],
    ]);
    const apollo = new Map([
      [1, 100],
      [3, 0],
      [4, 50],
    ]);
    expect(pairedRatios(hub, apollo)).toEqual([1.2]);
  });

  it('summarises with median and range', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(spread([1.1, 0.9, 1.3])).toEqual({ median: 1.1, min: 0.9, max: 1.3, count: 3 });
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
