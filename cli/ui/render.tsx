import { renderToString } from 'ink';
import type { StoppedEarly, SummaryDocument } from '../../src/report/json.js';
import type { Scenario } from '../../src/scenario/types.js';
import { Report } from './report.js';

/**
 * The final report as text: the same component as the final screen,
 * rendered to a string at the terminal's width (or 100 columns when not
 * a terminal). With `color` false it contains no escape sequence at all.
 */
export function renderReport(doc: SummaryDocument, scenario: Scenario, partial: StoppedEarly | null, color: boolean, columns: number): string {
  return `${renderToString(<Report doc={doc} scenario={scenario} partial={partial} color={color} />, { columns })}\n`;
}
