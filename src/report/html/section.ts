import type { ChartSpec } from './chart.js';

/** A part of the report: its printed pages (each kept to one sheet) and the charts they draw. */
export interface Section {
  /** HTML of each printed page, in order. */
  pages: string[];
  charts: ChartSpec[];
}
