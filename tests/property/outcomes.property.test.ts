import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Field, FIELD_COUNT } from '../../src/metrics/fields.js';
import { simulateReplication } from '../../src/model/simulation.js';
import {
  finalSentiment,
  POSITIVE,
  recoveryProbability,
  satisfactionProbability,
  unansweredSentiment,
} from '../../src/model/outcomes.js';
import { scenarioArbitrary } from './scenario-arbitrary.js';

const outcomeModel = fc.record({
  positive: fc.record({
    negative: fc.double({ min: -5, max: 5, noNaN: true }),
    neutral: fc.double({ min: -5, max: 5, noNaN: true }),
    positive: fc.double({ min: -5, max: 5, noNaN: true }),
  }),
  speed: fc.double({ min: 0, max: 5, noNaN: true }),
  resolved: fc.double({ min: -3, max: 3, noNaN: true }),
  worsen: fc.double({ min: 0, max: 3, noNaN: true }),
});
/**
 * Outcome models where a happier state recovers at least as easily
 * (positive.negative <= positive.neutral <= positive.positive), as every
 * shipped and default model does: only then can worsening while waiting
 * never raise the chance of ending positive.
 */
const orderedOutcomeModel = outcomeModel.map((m) => {
  const [negative, neutral, positive] = [m.positive.negative, m.positive.neutral, m.positive.positive].sort((a, b) => a - b);
  return { ...m, positive: { negative, neutral, positive } };
});
const csatModel = fc.record({
  satisfied: fc.record({
    negative: fc.double({ min: 0, max: 1, noNaN: true }),
    neutral: fc.double({ min: 0, max: 1, noNaN: true }),
    positive: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  speed: fc.double({ min: 0, max: 5, noNaN: true }),
  bias: fc.double({ min: -5, max: 5, noNaN: true }),
});
const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const wait = fc.double({ min: 0, max: 20, noNaN: true });
const sentiment = fc.constantFrom(0, 1, 2);

describe('outcome model (fast-check)', () => {
  it('a faster first response never lowers the chance of ending positive (same draws)', () => {
    fc.assert(
      fc.property(orderedOutcomeModel, sentiment, wait, wait, fc.boolean(), fc.double({ min: -2, max: 2, noNaN: true }), unit, unit,
        (model, start, w1, w2, resolved, empathy, uWorsen, uEnd) => {
          const [fast, slow] = w1 <= w2 ? [w1, w2] : [w2, w1];
          const endFast = finalSentiment(model, start, fast, resolved, empathy, uWorsen, uEnd);
          const endSlow = finalSentiment(model, start, slow, resolved, empathy, uWorsen, uEnd);
          // With common random numbers: if the slow one recovers, so does the fast one.
          if (endSlow === POSITIVE) expect(endFast).toBe(POSITIVE);
          // And the probabilities themselves are monotone.
          expect(recoveryProbability(model, start, fast, resolved, empathy)).toBeGreaterThanOrEqual(recoveryProbability(model, start, slow, resolved, empathy));
        }),
      { numRuns: 500 },
    );
  });

  it('abandoned and unanswered conversations never end positive, nor better than they started', () => {
    fc.assert(
      fc.property(outcomeModel, sentiment, wait, unit, (model, start, w, u) => {
        const end = unansweredSentiment(model, start, w, u);
        expect(end).not.toBe(POSITIVE);
        expect(end).toBeLessThanOrEqual(start);
      }),
      { numRuns: 300 },
    );
  });

  it('CSAT answers are probabilities, falling with slower replies', () => {
    fc.assert(
      fc.property(csatModel, sentiment, wait, wait, (csat, end, w1, w2) => {
        const p1 = satisfactionProbability(csat, end, Math.min(w1, w2));
        const p2 = satisfactionProbability(csat, end, Math.max(w1, w2));
        for (const p of [p1, p2]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(p1).toBeGreaterThanOrEqual(p2);
      }),
      { numRuns: 300 },
    );
  });

  it('in simulations: transition rows sum to the conversations with an outcome, abandoned never recover, CSAT in [0, 1]', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (scenario) => {
        const r = simulateReplication(scenario, 0);
        const scopes = r.fields.length / FIELD_COUNT;
        for (let s = 0; s < scopes; s++) {
          const f = (k: number) => r.fields[s * FIELD_COUNT + k];
          let outcomes = 0;
          for (let i = 0; i < 9; i++) outcomes += f(Field.transitions + i);
          // Every measured conversation gets an outcome except deflected ones (and, after a cut-off drain, open ones).
          expect(outcomes).toBeLessThanOrEqual(f(Field.arrivals) - f(Field.deflected));
          // Shares of each starting sentiment sum to 1 (when it has conversations).
          for (let start = 0; start < 3; start++) {
            const row = [0, 1, 2].map((e) => f(Field.transitions + 3 * start + e));
            const total = row.reduce((a, b) => a + b, 0);
            if (total > 0) expect(row.map((x) => x / total).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          }
          expect(f(Field.satisfied)).toBeLessThanOrEqual(f(Field.responses));
          expect(f(Field.responses)).toBeLessThanOrEqual(f(Field.surveyed));
        }
        // Nobody abandoned recovers: positive endings never exceed the conversations answered.
        let positive = 0;
        for (let start = 0; start < 3; start++) positive += r.fields[Field.transitions + 3 * start + POSITIVE];
        expect(positive).toBeLessThanOrEqual(r.fields[Field.answered]);
      }),
      { numRuns: 40 },
    );
  });
});
