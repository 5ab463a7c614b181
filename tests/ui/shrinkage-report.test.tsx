import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { Report } from '../../cli/ui/report.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { summarize } from '../../src/metrics/summary.js';
import { summaryDocument } from '../../src/report/json.js';
import { parseScenario } from '../../src/scenario/load.js';

/** The Teams table of the text report of a short run with these keys for team `desk`. */
function teamsTable(deskKeys: string): string[] {
  const sc = parseScenario(`horizon: 24h
replications: 2
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 5m } }
teams:
  desk: { agents: 8${deskKeys} }
  backup: { agents: 1 }
`, 'report.yaml');
  const doc = summaryDocument(sc, summarize(sc, [0, 1].map((r) => simulateReplication(sc, r))));
  const lines = renderToString(<Report doc={doc} scenario={sc} partial={null} color={false} />, { columns: 120 }).split('\n');
  const at = lines.indexOf('Teams');
  return lines.slice(at + 1, at + 5);
}

describe('Report: rostered against productive headcount', () => {
  it('adds rostered and productive columns when a team has shrinkage', () => {
    const [header, , desk, backup] = teamsTable(', shrinkage: 25%');
    expect(header.split(/\s{2,}/)).toEqual(['team', 'utilization', 'slot occupancy', 'agents on shift', 'rostered', 'productive', 'overrun h', 'handled']);
    const cells = desk.split(/\s{2,}/);
    expect(cells[0]).toBe('desk');
    expect(cells[4]).toBe('8.0');
    // 25% of 8 agents away on average: about 6 productive.
    expect(Number(cells[5])).toBeGreaterThan(5.4);
    expect(Number(cells[5])).toBeLessThan(6.6);
    expect(backup.split(/\s{2,}/).slice(4, 6)).toEqual(['1.0', '1.0']);
  });

  it('leaves the table as it was without shrinkage', () => {
    expect(teamsTable('')[0].split(/\s{2,}/)).toEqual(['team', 'utilization', 'slot occupancy', 'agents on shift', 'overrun h', 'handled']);
  });
});
