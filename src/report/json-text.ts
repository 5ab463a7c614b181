/** Version of the summary.json layout; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

/**
 * Serialises a document as stable, readable JSON: numbers are rounded to 10
 * significant digits (well beyond any confidence interval), key order is
 * the construction order, so equal results give byte-identical files.
 */
export function toJson(document: unknown): string {
  return `${JSON.stringify(document, roundNumbers, 2)}\n`;
}

/** The JSON.stringify replacer of {@link toJson}: rounds non-integers to 10 significant digits. */
export function roundNumbers(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v;
}
