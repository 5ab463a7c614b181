/**
 * replications.json's text: each list of per-replication values, histograms
 * or extremes is written on one line exactly as JSON.stringify with
 * roundNumbers writes it (the rounding every careload document uses), by
 * whichever shortcut the writer takes for lists of whole numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundNumbers } from '../../src/report/json.js';
import { replicationValuesJson, type ReplicationValuesDocument } from '../../src/report/replications.js';

const number = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1e21, -1e21, 2 ** 53, Infinity, NaN, 0.1, 123456789.12345679),
);
const list = fc.array(fc.oneof(number, fc.constant(null)), { maxLength: 8 });
const wholeList = fc.array(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constant(null)), { maxLength: 8 });

function doc(values: (number | null)[][], histograms: number[][][]): ReplicationValuesDocument {
  return {
    schemaVersion: 1,
    scenario: { name: 's', hash: 'h' },
    seed: 1,
    replications: [0, 1],
    values: Object.fromEntries(values.map((v, i) => [`overall.m${i}`, v])),
    histograms: Object.fromEntries(histograms.map((h, i) => [`overall.d${i}`, h])),
  };
}

describe('replicationValuesJson', () => {
  it('property: every list line is JSON.stringify(list, roundNumbers), whole numbers or not', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(list, wholeList), { maxLength: 4 }), fc.array(fc.array(fc.oneof(wholeList, list), { maxLength: 3 }), { maxLength: 3 }), (values, histograms) => {
        const text = replicationValuesJson(doc(values, histograms as number[][][]));
        values.forEach((v, i) => expect(text).toContain(`"overall.m${i}": ${JSON.stringify(v, roundNumbers)}`));
        histograms.forEach((h, i) => expect(text).toContain(`"overall.d${i}": ${JSON.stringify(h, roundNumbers)}`));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc(values, histograms as number[][][]), roundNumbers)));
      }),
      { numRuns: 300 },
    );
  });

  it('rounds fractions to 10 significant digits and keeps whole numbers, exponents and nulls as JSON writes them', () => {
    const text = replicationValuesJson(doc([[0.1234567890123, 3, null, NaN], [1e21, -0, 42]], [[[40, 3, -2, 5], []]]));
    expect(text).toContain('"overall.m0": [0.123456789,3,null,null]');
    expect(text).toContain('"overall.m1": [1e+21,0,42]');
    expect(text).toContain('"overall.d0": [[40,3,-2,5],[]]');
  });
});
