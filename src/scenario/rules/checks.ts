import { NAME_PATTERN } from '../fields.js';
import { describeValue } from '../units.js';
import type { Path, Report } from './checker.js';

/** The small checks many rules share, each reporting in one fixed wording. */

/** Reports each name that is not a valid name, at [section, name]. */
export function reportBadNames(report: Report, section: string, names: readonly string[]): void {
  for (const n of names) {
    if (!NAME_PATTERN.test(n)) report([section, n], `expected a name of letters, digits, _ and -, starting with a letter, got ${describeValue(n)}`);
  }
}

/** `unknown tier "x"; known: a, b`. */
function unknown(what: string, name: string, known: readonly string[]): string {
  return `unknown ${what} ${describeValue(name)}; known: ${known.join(', ') || '(none)'}`;
}

/** Reports a name that is not in `known`, at `path`. */
export function reportUnknownName(report: Report, path: Path, name: string, known: readonly string[], what: string): void {
  if (!known.includes(name)) report(path, unknown(what, name, known));
}

/** Reports each name of a list that is not in `known`, at its index under `path` (nothing for no list). */
export function reportUnknownNames(report: Report, path: Path, names: readonly string[] | undefined, known: readonly string[], what: string): void {
  names?.forEach((n, i) => reportUnknownName(report, [...path, i], n, known, what));
}

/** Reports shares that do not add up to 1 (within 1e-6), summed in the order given. */
export function reportUnlessSumsToOne(report: Report, path: Path, values: readonly number[]): void {
  const sum = values.reduce((s, x) => s + x, 0);
  if (Math.abs(sum - 1) > 1e-6) report(path, `expected shares that add up to 1, got ${Number(sum.toFixed(6))}`);
}

/** A sentiment mix's three shares, absent ones 0, in the order they are summed. */
export function sentimentShares(mix: { negative?: number; neutral?: number; positive?: number }): number[] {
  return [mix.negative ?? 0, mix.neutral ?? 0, mix.positive ?? 0];
}
