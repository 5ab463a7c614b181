/**
 * Queueing-theory formulas for capacity planning: Erlang B, Erlang C (M/M/N)
 * and Erlang A (M/M/N+M, exponential patience).
 *
 * Time units are whatever the caller uses consistently: rates are per unit
 * time and durations (aht, patience, t) are in that same unit. `load` is the
 * offered load in Erlangs, A = arrival rate x aht.
 *
 * Pure functions: no I/O, no randomness, no clock.
 */

function checkServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) {
    throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  }
}

function checkNonNegative(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

function checkPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

/**
 * Erlang B blocking probability of an M/M/N/N loss system, via the stable
 * recursion B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)).
 *
 * @param servers N, a non-negative integer.
 * @param load offered load A in Erlangs (>= 0).
 * @returns probability that an arrival finds all N servers busy.
 */
export function erlangB(servers: number, load: number): number {
  checkServers(servers);
  checkNonNegative('load', load);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/**
 * Erlang C probability of waiting in an M/M/N queue (infinite patience),
 * C = N B / (N - A (1 - B)).
 *
 * @param servers N, a non-negative integer.
 * @param load offered load A in Erlangs (>= 0).
 * @returns P(wait > 0); 1 when load >= servers (the queue is unstable).
 */
export function erlangC(servers: number, load: number): number {
  checkServers(servers);
  checkNonNegative('load', load);
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

/**
 * Erlang C service level: P(wait <= t) = 1 - C exp(-(N - A) t / AHT).
 *
 * @param servers N, a non-negative integer.
 * @param load offered load A in Erlangs (>= 0).
 * @param aht mean handle time (> 0).
 * @param t service-level threshold (>= 0), same unit as aht.
 * @returns fraction of arrivals picked up within t; 0 when overloaded.
 */
export function erlangCServiceLevel(servers: number, load: number, aht: number, t: number): number {
  checkPositive('aht', aht);
  checkNonNegative('t', t);
  const c = erlangC(servers, load);
  if (load >= servers) return 0;
  return 1 - c * Math.exp((-(servers - load) * t) / aht);
}

/**
 * Erlang C mean wait over all arrivals (those not waiting count as 0):
 * C AHT / (N - A).
 *
 * @param servers N, a non-negative integer.
 * @param load offered load A in Erlangs (>= 0).
 * @param aht mean handle time (> 0).
 * @returns mean time from arrival to pickup; Infinity when load >= servers.
 */
export function erlangCMeanWait(servers: number, load: number, aht: number): number {
  checkPositive('aht', aht);
  const c = erlangC(servers, load);
  if (load >= servers) return Infinity;
  return (c * aht) / (servers - load);
}

/**
 * Survival P(X + Y > t) for independent X ~ Exp(a), Y ~ Exp(mu)
 * (hypoexponential), stable also when a is close to or equal to mu.
 */
function hypoExpSurvival(a: number, mu: number, t: number): number {
  const d = mu - a;
  const dt = d * t;
  if (Math.abs(dt) < 1) {
    // e^{-mu t} (1 + mu t (e^{dt} - 1)/(dt)); the ratio -> 1 as a -> mu, so
    // this avoids the cancellation in the textbook form below.
    const ratio = dt === 0 ? 1 : Math.expm1(dt) / dt;
    return Math.exp(-mu * t) * (1 + mu * t * ratio);
  }
  return (mu * Math.exp(-a * t) - a * Math.exp(-mu * t)) / d;
}

/**
 * Response-time distribution of an M/M/N FIFO queue: P(wait + service <= t),
 * with exponential service of mean aht. The wait is 0 with probability 1 - C,
 * otherwise Exp((N - A) / aht); service is Exp(1 / aht).
 *
 * @param servers N, a non-negative integer.
 * @param load offered load A in Erlangs (>= 0).
 * @param aht mean handle time (> 0).
 * @param t threshold (>= 0), same unit as aht.
 * @returns probability that a customer is done within t of arriving; 0 when overloaded.
 */
export function erlangCResponseWithin(servers: number, load: number, aht: number, t: number): number {
  checkPositive('aht', aht);
  checkNonNegative('t', t);
  const c = erlangC(servers, load);
  if (load >= servers) return 0;
  const mu = 1 / aht;
  const a = (servers - load) / aht;
  const serviceOnly = Math.exp(-mu * t);
  return 1 - ((1 - c) * serviceOnly + c * hypoExpSurvival(a, mu, t));
}

/** Inputs of {@link erlangA}. All durations and rates share one time unit. */
export interface ErlangAInput {
  /** Arrival rate lambda (> 0). */
  arrivalRate: number;
  /** Mean handle time (> 0); service rate mu = 1 / aht. */
  aht: number;
  /** Number of servers N (non-negative integer). */
  servers: number;
  /** Mean patience (> 0, may be Infinity for no abandonment); theta = 1 / patience. */
  patience: number;
  /** Optional service-level threshold (>= 0). */
  t?: number;
}

/** Outputs of {@link erlangA}. */
export interface ErlangAResult {
  /** P(an arrival finds all N servers busy), by PASTA. */
  pWait: number;
  /** Fraction of arrivals that abandon: theta E[queue length] / lambda. */
  pAbandon: number;
  /** Server occupancy: lambda (1 - pAbandon) aht / N. */
  occupancy: number;
  /** Mean time from arrival to pickup or abandonment, over all arrivals: E[queue length] / lambda. */
  meanWaitAll: number;
  /** Mean time from arrival to pickup over served arrivals only (immediate pickups count as 0). */
  meanWaitServed: number;
  /** P(picked up within t) over ALL arrivals (abandoned count as misses); present only if t was given. */
  serviceLevel?: number;
}

const TAIL_TOL = 1e-12;
const MAX_STATES = 10_000_000;

/**
 * Stationary distribution of the M/M/N+M birth-death chain on n = 0..K
 * (birth lambda, death min(n,N) mu + max(n-N,0) theta), with K grown until the
 * neglected tail mass is below 1e-12.
 */
function erlangAStationary(lambda: number, mu: number, theta: number, servers: number): Float64Array {
  const death = (n: number): number => Math.min(n, servers) * mu + Math.max(n - servers, 0) * theta;
  // Work in log space: for large N the unnormalised weights overflow doubles.
  const logW: number[] = [0];
  let logMax = 0;
  for (let n = 1; ; n++) {
    if (n > MAX_STATES) throw new RangeError('erlangA: state space too large (is the system unstable?)');
    logW.push(logW[n - 1] + Math.log(lambda / death(n)));
    if (logW[n] > logMax) logMax = logW[n];
    if (n < servers) continue;
    // For n >= N the ratios lambda / death(k) are non-increasing in k, so once
    // r < 1 the tail beyond n is bounded by w_n r / (1 - r), and total >= max.
    const r = lambda / death(n + 1);
    if (r < 1 && Math.exp(logW[n] - logMax) * (r / (1 - r)) < TAIL_TOL) break;
  }
  const p = new Float64Array(logW.length);
  let total = 0;
  for (let n = 0; n < logW.length; n++) total += p[n] = Math.exp(logW[n] - logMax);
  for (let n = 0; n < p.length; n++) p[n] /= total;
  return p;
}

/**
 * P(picked up within t) for a tagged waiting arrival, for each starting
 * number ahead i = 0..maxAhead. The number ahead drops at rate N mu + i theta;
 * with 0 ahead, pickup happens at rate N mu; own abandonment at rate theta.
 * Uniformization keeps every term non-negative, hence numerically stable.
 *
 * With `serviceRate`, the tagged customer must also be done within t: pickup
 * leads to a service phase that ends at that rate (response = wait + service).
 */
function pickupWithin(servers: number, mu: number, theta: number, maxAhead: number, t: number, serviceRate?: number): Float64Array {
  const out = new Float64Array(maxAhead + 1);
  if (t === 0 || servers === 0) return out;
  const exitRate = (i: number): number => servers * mu + i * theta + theta;
  const unif = exitRate(maxAhead);
  const lt = unif * t;
  // Run the DTMC backwards (value iteration): v_k(i) = P(served within k jumps | i).
  // Since all jumps go i -> i-1 or absorb, one vector suffices for all starts.
  let v = new Float64Array(maxAhead + 1);
  let next = new Float64Array(maxAhead + 1);
  // P(done within k jumps | picked up): 1 when pickup is the end; otherwise
  // the service phase ends with probability serviceRate / unif per jump
  // (unif >= N mu >= serviceRate, as serviceRate is the agents' own mu).
  let served = serviceRate === undefined ? 1 : 0;
  let logPois = -lt;
  let cumPois = 0;
  const maxK = Math.ceil(lt + 20 * Math.sqrt(lt) + 50);
  for (let k = 0; k <= maxK; k++) {
    if (k > 0) {
      logPois += Math.log(lt / k);
      for (let i = 0; i <= maxAhead; i++) {
        const down = servers * mu + i * theta; // to i-1, or to "picked up" from 0
        const target = i === 0 ? served : v[i - 1];
        next[i] = (down / unif) * target + (1 - exitRate(i) / unif) * v[i];
      }
      [v, next] = [next, v];
      if (serviceRate !== undefined) served = serviceRate / unif + (1 - serviceRate / unif) * served;
    }
    const w = Math.exp(logPois);
    cumPois += w;
    for (let i = 0; i <= maxAhead; i++) out[i] += w * v[i];
    if (k > lt && 1 - cumPois < 1e-14) break;
  }
  return out;
}

/**
 * Erlang A (M/M/N+M): Poisson arrivals, N exponential servers, exponential
 * patience; a customer not picked up before its patience runs out abandons.
 * Computed exactly from the birth-death chain truncated where the tail mass
 * is below 1e-12.
 *
 * @param input arrival rate, aht, servers, mean patience and optional SL threshold t.
 * @returns waiting/abandonment probabilities, occupancy, mean waits and (if t given) service level.
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  const { arrivalRate: lambda, aht, servers, patience, t } = input;
  checkPositive('arrivalRate', lambda);
  checkPositive('aht', aht);
  checkServers(servers);
  if (!(patience > 0)) throw new RangeError(`patience must be > 0, got ${patience}`);
  if (t !== undefined) checkNonNegative('t', t);
  const mu = 1 / aht;
  const theta = 1 / patience; // 0 when patience is Infinity
  if (theta === 0 && lambda >= servers * mu) {
    throw new RangeError('erlangA: infinite patience with load >= servers has no steady state');
  }

  const p = erlangAStationary(lambda, mu, theta, servers);
  const maxAhead = Math.max(p.length - 1 - servers, 0);
  let pWait = 0;
  let meanQueue = 0;
  // Served waiting customer with i ahead: time to pickup T is a sum of
  // Exp(r_j), r_j = N mu + j theta, j = 0..i; served iff T < patience, so
  // P(served) = prod r_j/(r_j+theta) and E[T; served] = P(served) sum 1/(r_j+theta).
  let waitServedSum = 0;
  let pServed = 1;
  let sumInv = 0;
  for (let i = 0; i <= maxAhead && servers + i < p.length; i++) {
    const pn = p[servers + i];
    const r = servers * mu + i * theta;
    pServed *= r / (r + theta);
    sumInv += 1 / (r + theta);
    pWait += pn;
    meanQueue += i * pn;
    waitServedSum += pn * pServed * sumInv;
  }
  const pAbandon = (theta * meanQueue) / lambda;
  const result: ErlangAResult = {
    pWait,
    pAbandon,
    occupancy: servers === 0 ? 0 : (lambda * (1 - pAbandon) * aht) / servers,
    meanWaitAll: meanQueue / lambda,
    meanWaitServed: pAbandon < 1 ? waitServedSum / (1 - pAbandon) : NaN,
  };
  if (t !== undefined) {
    const within = pickupWithin(servers, mu, theta, maxAhead, t);
    let sl = 1 - pWait; // found a free server: picked up at once
    for (let i = 0; servers + i < p.length; i++) sl += p[servers + i] * within[i];
    result.serviceLevel = sl;
  }
  return result;
}

/**
 * Erlang A response time: P(picked up and done within t of arriving), i.e.
 * P(wait + service <= t) over ALL arrivals (abandoned count as misses), with
 * exponential service of mean aht. What careload's slaAttainment measures
 * (the first reply posted, composing time included) on an M/M/N+M system;
 * with infinite patience it equals {@link erlangCResponseWithin}.
 * Computed exactly from the birth-death chain, as {@link erlangA}.
 *
 * @param input arrival rate, aht, servers, mean patience and the threshold t (>= 0).
 * @returns probability that an arrival is answered and done within t.
 */
export function erlangAResponseWithin(input: ErlangAInput & { t: number }): number {
  const { arrivalRate: lambda, aht, servers, patience, t } = input;
  checkPositive('arrivalRate', lambda);
  checkPositive('aht', aht);
  checkServers(servers);
  if (!(patience > 0)) throw new RangeError(`patience must be > 0, got ${patience}`);
  checkNonNegative('t', t);
  const mu = 1 / aht;
  const theta = 1 / patience;
  if (theta === 0 && lambda >= servers * mu) {
    throw new RangeError('erlangA: infinite patience with load >= servers has no steady state');
  }
  if (servers === 0) return 0;
  const p = erlangAStationary(lambda, mu, theta, servers);
  const maxAhead = Math.max(p.length - 1 - servers, 0);
  const within = pickupWithin(servers, mu, theta, maxAhead, t, mu);
  // Found a free server: done when the service alone ends within t.
  let free = 0;
  for (let n = 0; n < servers && n < p.length; n++) free += p[n];
  let response = free * -Math.expm1(-mu * t);
  for (let i = 0; servers + i < p.length; i++) response += p[servers + i] * within[i];
  return response;
}
