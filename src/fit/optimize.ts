/** Small numerical tools for maximum likelihood: a Nelder-Mead minimiser and a finite-difference Hessian. */

/** Minimises f from `start` by Nelder-Mead (initial steps `step`); returns the best point found. */
export function nelderMead(f: (x: number[]) => number, start: number[], step = 0.5, maxEvaluations = 400, tolerance = 1e-10): number[] {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(f);
  let evaluations = n + 1;
  while (evaluations < maxEvaluations) {
    const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + 1e-12)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = along(-1);
    const fr = f(reflected);
    evaluations++;
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = f(expanded);
      evaluations++;
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = f(contracted);
      evaluations++;
      if (fc < Math.min(fr, values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = f(simplex[i]);
          evaluations++;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return simplex[best];
}

/** The Hessian of f at x by central differences (step h in each coordinate). */
export function hessian(f: (x: number[]) => number, x: number[], h = 1e-4): number[][] {
  const n = x.length;
  const at = (di: number, dj: number, i: number, j: number) => f(x.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
  const f0 = f(x);
  const H: number[][] = x.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at(h, 0, i, i) - 2 * f0 + at(-h, 0, i, i)) / (h * h);
    for (let j = i + 1; j < n; j++) {
      H[i][j] = H[j][i] = (at(h, h, i, j) - at(h, -h, i, j) - at(-h, h, i, j) + at(-h, -h, i, j)) / (4 * h * h);
    }
  }
  return H;
}

/** The inverse of a 1x1 or 2x2 matrix (null when singular). */
export function invertSmall(m: number[][]): number[][] | null {
  if (m.length === 1) return m[0][0] > 0 ? [[1 / m[0][0]]] : null;
  const [[a, b], [c, d]] = m;
  const det = a * d - b * c;
  if (!(Math.abs(det) > 0)) return null;
  return [[d / det, -b / det], [-c / det, a / det]];
}
