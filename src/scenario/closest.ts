/**
 * The closest word to a misspelt one, for "did you mean" hints: by edit
 * distance (an insertion, a deletion, a substitution or a swap of two
 * neighbours each cost 1).
 */

/** Edit distance between two words (optimal string alignment: swaps of neighbours count 1). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/**
 * The candidate nearest to `word` when it is near enough to be a likely typo
 * (at most a third of the word's letters off, and at least 2 allowed), else
 * null. Ties go to the first candidate.
 */
export function closestWord(word: string, candidates: readonly string[]): string | null {
  const allowed = Math.max(2, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Comparing very long words costs their product: a typo is short.
    if (Math.abs(c.length - word.length) > allowed || word.length > 200) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= allowed ? best : null;
}
