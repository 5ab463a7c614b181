/**
 * Whole numbers with thousands separators, as `n.toLocaleString('en-US')`
 * writes them ("1,000,000"), without Intl: the first locale-aware call
 * loads ICU's number formatting, about 70 ms of CPU, which the start-up
 * path (a rule's text built on import, `validate`'s line) must not pay.
 */

/** `n` as `toLocaleString('en-US')` writes it; a fraction or a non-finite number goes to toLocaleString itself. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  // -0 keeps its sign, as toLocaleString writes it ("-0").
  return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
}
