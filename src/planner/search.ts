/**
 * The planner's search over integer staffing vectors, independent of what
 * evaluates a candidate (the simulation in ./plan.ts, a formula in tests).
 *
 * It assumes, as staffing problems give, that more agents never hurt
 * (monotone feasibility) and that cost grows with every variable. From a
 * start point it raises every variable until the targets pass (or the
 * maxima fail: infeasible), then lowers each variable by bisection to the
 * least that still passes, most expensive agent first, and tries trading
 * one agent of a team for the fewest agents of another that keep the
 * targets, or one more agent of a team for as many fewer of another as the
 * targets allow, while that lowers the cost (or keeps it, to cross a
 * plateau of equal costs). It ends only at a candidate that
 * passed and whose every one-agent-fewer neighbour failed: noise that
 * misled a bisection is corrected there, because a passing neighbour
 * restarts the descent from it.
 */

/** What evaluating a candidate says. */
export interface Judged {
  /** Every target passed at its confidence. */
  pass: boolean;
}

/**
 * What the search is doing when it asks for a candidate: for progress only,
 * the search never depends on it.
 */
export interface SearchStep {
  /**
   * raising: every variable up until the targets pass; lowering: one
   * variable down to the least that passes; trading: fewer of one variable
   * for more of another; confirming: every one-fewer neighbour must fail.
   */
  phase: 'raising' | 'lowering' | 'trading' | 'confirming';
  /** The variables the step is about: the one lowered, or the two traded (the one given up first); empty otherwise. */
  variables: number[];
  /** Rough count of candidates the step still needs, the one asked for included (null: cannot tell, as while raising). */
  left: number | null;
}

/** The problem: bounds, cost and the evaluator. */
export interface SearchProblem<E extends Judged> {
  min: readonly number[];
  max: readonly number[];
  /** Cost of a candidate; must grow with every variable. */
  cost: (x: readonly number[]) => number;
  /** Evaluates a candidate (the search never asks twice for the same one); `step` says why it is asked for. */
  evaluate: (x: readonly number[], step: SearchStep) => Promise<E>;
  /** Where to start (clamped into the bounds). */
  start: readonly number[];
  /** Return true to stop: the search then ends with the best passing candidate so far. */
  stopped?: () => boolean;
}

/** A candidate and its evaluation. */
export interface Tried<E> {
  values: number[];
  cost: number;
  evaluation: E;
}

/** The search's outcome. */
export interface SearchResult<E> {
  /** The cheapest candidate that passed, or null when none did. */
  best: Tried<E> | null;
  /** Why the search ended. */
  status: 'found' | 'infeasible' | 'stopped';
  /** Every candidate evaluated, in the order tried. */
  tried: Tried<E>[];
  /** The maxima's evaluation when even they failed. */
  atMax?: Tried<E>;
}

/** Most agents of one team added at once in a trade. */
const TRADE_STEPS = 3;

/** Thrown by an evaluator (or raised when `stopped` says so) to end the search early with what it has. */
export class SearchStopped extends Error {
  constructor() {
    super('search stopped');
    this.name = 'SearchStopped';
  }
}

/** Finds the cheapest passing staffing within the bounds (see the module comment). */
export async function searchStaffing<E extends Judged>(p: SearchProblem<E>): Promise<SearchResult<E>> {
  const n = p.min.length;
  const cache = new Map<string, Tried<E>>();
  const tried: Tried<E>[] = [];
  let best: Tried<E> | null = null;
  // What the search is doing, handed to the evaluator with each candidate.
  let now: SearchStep = { phase: 'raising', variables: [], left: null };
  const clamp = (x: readonly number[]) => x.map((v, i) => Math.min(p.max[i], Math.max(p.min[i], Math.round(v))));
  const judge = async (x: readonly number[]): Promise<Tried<E>> => {
    const key = x.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    if (p.stopped?.()) throw new SearchStopped();
    const t: Tried<E> = { values: x.slice(), cost: p.cost(x), evaluation: await p.evaluate(x, now) };
    cache.set(key, t);
    tried.push(t);
    if (t.evaluation.pass && (best === null || t.cost < best.cost)) best = t;
    return t;
  };
  const passes = async (x: readonly number[]) => (await judge(x)).evaluation.pass;
  const withValue = (x: readonly number[], i: number, v: number) => x.map((u, k) => (k === i ? v : u));

  try {
    // Raise everything until the targets pass, doubling the step.
    let x = clamp(p.start);
    for (let step = 1; !(await passes(x)); step *= 2) {
      if (x.every((v, i) => v === p.max[i])) return { best: null, status: 'infeasible', tried, atMax: await judge(x) };
      x = clamp(x.map((v) => v + step));
    }
    // Candidates a bisection of (lo, hi) still needs.
    const bisections = (lo: number, hi: number) => Math.max(0, Math.ceil(Math.log2(Math.max(1, hi - lo))));
    // Least value of variable i that passes with the others fixed, given that x passes.
    const lower = async (x: number[], i: number, as: Omit<SearchStep, 'left'> = { phase: 'lowering', variables: [i] }): Promise<number[]> => {
      let lo = p.min[i] - 1; // known (or assumed) to fail below the bounds
      let hi = x[i];
      // Probe down in doubling steps first: the answer is usually near.
      for (let step = 1; hi - step > lo; step *= 2) {
        const v = hi - step;
        // This probe, then (if it fails) the bisection below it.
        now = { ...as, left: Math.min(hi - lo - 1, 1 + bisections(0, step)) };
        if (await passes(withValue(x, i, v))) hi = v;
        else {
          lo = v;
          break;
        }
      }
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        now = { ...as, left: bisections(lo, hi) };
        if (await passes(withValue(x, i, mid))) hi = mid;
        else lo = mid;
      }
      return withValue(x, i, hi);
    };
    // Least value >= x[j] of variable j that passes with the others fixed, or null.
    const raise = async (x: number[], j: number, as: Omit<SearchStep, 'left'>): Promise<number[] | null> => {
      let lo = x[j];
      let hi = -1;
      for (let step = 1; lo < p.max[j]; step *= 2) {
        const v = Math.min(p.max[j], x[j] + step);
        now = { ...as, left: Math.min(p.max[j] - lo, 1 + bisections(0, step)) };
        if (await passes(withValue(x, j, v))) {
          hi = v;
          break;
        }
        lo = v;
      }
      if (hi < 0) return null;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        now = { ...as, left: bisections(lo, hi) };
        if (await passes(withValue(x, j, mid))) hi = mid;
        else lo = mid;
      }
      return withValue(x, j, hi);
    };
    // Staffings the descent came to rest at: a trade at equal cost never returns to one (no cycles).
    const rested = new Set<string>();
    const unitCost = (x: readonly number[], i: number) => p.cost(withValue(x, i, x[i] + 1)) - p.cost(x);

    for (let round = 0; round < 200; round++) {
      // Lower each variable, most expensive agent first, until nothing moves.
      for (let changed = true, pass = 0; changed && pass < 10; pass++) {
        changed = false;
        const order = [...Array(n).keys()].sort((a, b) => unitCost(x, b) - unitCost(x, a));
        for (const i of order) {
          const y = await lower(x, i);
          if (y[i] !== x[i]) changed = true;
          x = y;
        }
      }
      rested.add(x.join(","));
      // Trades: one agent of i for the fewest of j that keep the targets, or one more of j for as
      // many fewer of i as they allow. The first cheaper one is taken; failing that, the first as
      // cheap and new (crossing a plateau of equal costs, which teams of equal cost per agent make).
      let traded = false;
      let level: number[] | null = null;
      const consider = (y: number[] | null) => {
        if (y === null) return;
        if (p.cost(y) < p.cost(x)) {
          x = y;
          traded = true;
        } else if (level === null && p.cost(y) === p.cost(x) && !rested.has(y.join(','))) level = y;
      };
      for (let i = 0; i < n && !traded; i++) {
        if (x[i] <= p.min[i]) continue;
        for (let j = 0; j < n && !traded; j++) {
          if (j === i || x[j] >= p.max[j]) continue;
          const down = withValue(x, i, x[i] - 1);
          if (p.cost(withValue(down, j, x[j] + 1)) > p.cost(x)) continue; // cannot pay off
          consider(await raise(down, j, { phase: 'trading', variables: [i, j] }));
        }
      }
      // Adding up to TRADE_STEPS agents of j at once: a team that is better per cost may only pay
      // off in bigger steps (two of j freeing three of i, where one of j frees one).
      for (let k = 1; k <= TRADE_STEPS && !traded; k++) {
        for (let j = 0; j < n && !traded; j++) {
          if (x[j] + k > p.max[j]) continue;
          for (let i = 0; i < n && !traded; i++) {
            if (i === j || x[i] <= p.min[i]) continue;
            const up = withValue(x, j, x[j] + k);
            if (p.cost(withValue(up, i, p.min[i])) >= p.cost(x) && (k > 1 || p.cost(withValue(up, i, p.min[i])) > p.cost(x))) continue; // cannot pay off
            now = { phase: 'trading', variables: [i, j], left: 1 + bisections(p.min[i] - 1, x[i]) };
            if (await passes(up)) consider(await lower(up, i, { phase: 'trading', variables: [i, j] }));
          }
        }
      }
      if (!traded && level !== null) {
        x = level;
        traded = true;
      }
      if (traded) continue;
      // Confirm: every one-fewer neighbour must fail; a passing one restarts the descent.
      let moved = false;
      for (let i = 0; i < n && !moved; i++) {
        if (x[i] <= p.min[i]) continue;
        const y = withValue(x, i, x[i] - 1);
        now = { phase: 'confirming', variables: [], left: x.filter((v, k) => k >= i && v > p.min[k]).length };
        if (await passes(y)) {
          x = y;
          moved = true;
        }
      }
      if (moved) continue;
      // A cheaper candidate passed along the way: descend from it instead.
      const cheapest = best as Tried<E> | null;
      if (cheapest !== null && cheapest.cost < p.cost(x)) {
        x = cheapest.values.slice();
        continue;
      }
      break;
    }
    // Whatever ended the rounds, end on a staffing whose one-fewer neighbours all fail.
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = 0; i < n && !moved; i++) {
        if (x[i] <= p.min[i]) continue;
        const y = withValue(x, i, x[i] - 1);
        now = { phase: 'confirming', variables: [], left: x.filter((v, k) => k >= i && v > p.min[k]).length };
        if (await passes(y)) {
          x = y;
          moved = true;
        }
      }
    }
    const chosen = await judge(x);
    return { best: chosen.evaluation.pass ? chosen : best, status: 'found', tried };
  } catch (e) {
    if (e instanceof SearchStopped) return { best, status: 'stopped', tried };
    throw e;
  }
}
