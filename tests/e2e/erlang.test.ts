/**
 * `careload erlang` end to end: the built binary answers a staffing
 * question from theory, as text and as JSON, and a bad flag value is a
 * usage error (exit 2) in one line naming the flag.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const C1 = ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s', '--sl', '80%'];

function careload(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
  agents: number;
  serviceLevel: number;
  pWait: number;
  meanWait: number | null;
  abandonment: number;
  occupancy: number;
}
interface ErlangJson {
  model: string;
  agents: number;
  rostered: number;
  question: { rate: number; aht: number; target: number; serviceLevel: number; load: number };
  table: Row[];
}

describe('careload erlang', () => {
  it('prints the agents needed and a table around them (Erlang C, case C1: 14 agents, SL 88.8%)', () => {
    const r = careload(C1);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Erlang C');
    expect(r.stdout).toContain('10.00 Erlangs offered');
    expect(r.stdout).toMatch(/^agents needed: 14 \(service level 88\.8%, occupancy 71\.4%\)$/m);
    const rows = r.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows.map((l) => Number(l.split(/\s+/)[0]))).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
    // Only the rows from the answer up meet the target.
    expect(rows.map((l) => l.trimEnd().endsWith('✓'))).toEqual([false, false, false, true, true, true, true, true]);
    expect(r.stdout).not.toContain('abandoned');
  });

  it('with --patience, --shrinkage and --agents: Erlang A, abandonment and rostered columns, the rows asked for', () => {
    const r = careload([...C1, '--patience', '5m', '--shrinkage', '30%', '--agents', '12..15']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Erlang A (mean patience 5m)');
    expect(r.stdout).toMatch(/^agents needed: 13 /m);
    expect(r.stdout).toMatch(/^rostered at 30% shrinkage: 19$/m);
    expect(r.stdout).toMatch(/^agents\s+rostered\s+service level\s+P\(wait\)\s+mean wait\s+abandoned\s+occupancy/m);
    const rows = r.stdout.split('\n').filter((l) => /^\d+\s/.test(l)).map((l) => l.split(/\s+/));
    expect(rows.map((c) => [c[0], c[1]])).toEqual([['12', '18'], ['13', '19'], ['14', '20'], ['15', '22']]);
  });

  it('--format json gives { agents, rostered, table } that agree with each other', () => {
    const r = careload([...C1, '--format', 'json', '--shrinkage', '0.3', '--max-occupancy', '85%', '--agents', '10..20']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ErlangJson;
    expect(doc.model).toBe('erlangC');
    expect(doc.question).toMatchObject({ aht: 180, target: 20, serviceLevel: 0.8, load: 10 });
    expect(doc.agents).toBe(14);
    expect(doc.rostered).toBe(20);
    expect(doc.table.map((row) => row.agents)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    // Unstable at 10 agents: infinite mean wait, written as null.
    expect(doc.table[0]).toMatchObject({ serviceLevel: 0, pWait: 1, meanWait: null });
    const answer = doc.table.find((row) => row.agents === doc.agents)!;
    const below = doc.table.find((row) => row.agents === doc.agents - 1)!;
    expect(answer.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(below.serviceLevel).toBeLessThan(0.8);
    expect(Math.abs(answer.pWait - 0.1741)).toBeLessThan(5e-5);
  });

  it('--measure response asks for the first reply done within the target, which needs more agents', () => {
    const base = ['erlang', '--rate', '200/h', '--aht', '3m', '--target', '5m', '--sl', '0.8', '--format', 'json'];
    const wait = JSON.parse(careload(base).stdout) as ErlangJson;
    const response = careload([...base, '--measure', 'response']);
    expect(response.status, response.stderr).toBe(0);
    const doc = JSON.parse(response.stdout) as ErlangJson;
    expect(doc.agents).toBe(14); // mmc-validation: 80.02% within 5 min at 14 agents
    expect(doc.agents).toBeGreaterThan(wait.agents);
  });

  it.each([
    [['--rate', '200'], '--rate'],
    [['--rate', '0/h'], '--rate'],
    [['--aht', '180'], '--aht'],
    [['--aht', '0s'], '--aht'],
    [['--target', 'soon'], '--target'],
    [['--sl', '80'], '--sl'],
    [['--sl', '100%'], '--sl'],
    [['--patience', '0m'], '--patience'],
    [['--shrinkage', '1'], '--shrinkage'],
    [['--max-occupancy', '0%'], '--max-occupancy'],
    [['--agents', '20..10'], '--agents'],
    [['--agents', '0..10'], '--agents'],
    [['--measure', 'both'], 'measure'],
  ])('a bad value (%s) exits 2 with one line naming %s', (flag, name) => {
    const args = [...C1];
    const at = args.indexOf(flag[0]);
    if (at >= 0) args.splice(at, 2, ...flag);
    else args.push(...flag);
    const r = careload(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toContain(name);
    expect(rest).toEqual(["Run 'careload --help' for usage."]);
  });

  it('a missing flag, or a level no staffing reaches, is a usage error too', () => {
    const missing = careload(['erlang', '--rate', '200/h', '--aht', '3m', '--target', '20s']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/sl/);
    const unreachable = careload(['erlang', '--rate', '200/h', '--aht', '3m', '--target', '5m', '--sl', '90%', '--measure', 'response']);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr.split('\n')[0]).toMatch(/^careload: --sl: .*unreachable/);
  });
});
