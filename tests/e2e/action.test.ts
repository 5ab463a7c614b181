import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Step {
  name?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}` replaced by the input's value, as the Actions runner does. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name]);
}

/** Runs the action's shell steps locally, in a workspace holding the shipped scenarios, except the install step (the repository is built). */
function runShellSteps(inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), 'careload-action-'));
  dirs.push(workspace);
  symlinkSync(join(ROOT, 'scenarios'), join(workspace, 'scenarios'), 'dir');
  const steps = action.runs.steps.filter((s) => s.run !== undefined && s.name !== 'Install careload');
  return steps.map((step) => {
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
    const r = spawnSync('bash', ['-c', expand(step.run!, inputs)], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'), NO_COLOR: '1' },
    });
    return { name: step.name, status: r.status, stdout: r.stdout, stderr: r.stderr, workspace };
  });
}

describe('the composite action', () => {
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));

  it('is a composite action that sets up Node, installs careload, checks and uploads the JUnit file', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.uses ?? s.name)).toEqual(['actions/setup-node@v4', 'Install careload', 'careload check', 'actions/upload-artifact@v4']);
  });

  it('its check step passes the shipped M/M/14 scenario and writes the JUnit file and the job summary', () => {
    const [check] = runShellSteps({ ...defaults, scenarios: 'scenarios/mmc-validation.yaml', args: '-q --set horizon=100h --set report.interval=50h' });
    expect(check.status, check.stderr).toBe(0);
    expect(readFileSync(join(check.workspace, 'results/check.xml'), 'utf8')).toContain('<testcase');
    expect(readFileSync(join(check.workspace, 'summary.md'), 'utf8')).toContain('✓ pass');
  });

  it('its check step fails the job (exit 99) when a threshold is missed', () => {
    const [check] = runShellSteps({ ...defaults, scenarios: 'scenarios/mmc-validation.yaml', args: "-q --set horizon=100h --set report.interval=50h --threshold 'slaAttainment >= 0.95'" });
    expect(check.status).toBe(99);
    expect(existsSync(join(check.workspace, 'results/check.xml'))).toBe(true);
  });
});
