/**
 * The public API is the CLI's only door into the library: cli/** imports
 * only what src/index.js exports (from the index, or, on the start-up path,
 * from the small module that defines it, so that a command loads no more
 * than it uses), and the command specs load no command code until it runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The module specifiers a file imports or re-exports: statically (`from '...'`, perhaps type-only) or dynamically (`import('...')`). */
function importsOf(file: string): { specifier: string; dynamic: boolean; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/\b(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+'([^']+)'/g)].map((m) => ({ specifier: m[2], dynamic: false, typeOnly: m[1] !== undefined })),
    ...[...text.matchAll(/\bimport\s*\(\s*'([^']+)'\s*\)/g)].map((m) => ({ specifier: m[1], dynamic: true, typeOnly: false })),
  ];
}

describe('the CLI and the public API', () => {
  const cli = sources(join(ROOT, 'cli'));

  it('finds the CLI sources', () => {
    expect(cli.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['cli/careload.ts', 'cli/commands/run.ts', 'cli/handlers/run.ts', 'cli/ui/live.tsx']));
  });

  it('cli/** imports from the library only what src/index.js exports: through the index, or straight from the module that defines it (to start fast)', async () => {
    const index = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
    const problems: string[] = [];
    let deepImports = 0;
    for (const file of cli) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bimport\s+(type\s+)?\{([^}]*)\}\s*from\s+'((?:\.\.\/)+src\/[^']+)'/g)) {
        if (/^(\.\.\/)+src\/index\.js$/.test(m[3])) continue;
        deepImports++;
        const module = (await import(resolve(file, '..', m[3]).replace(/\.js$/, '.ts'))) as Record<string, unknown>;
        for (const raw of m[2].split(',').map((n) => n.trim()).filter(Boolean)) {
          const typeOnly = m[1] !== undefined || raw.startsWith('type ');
          const name = raw.replace(/^type\s+/, '');
          const where = `${relative(ROOT, file)}: ${name} from ${m[3]}`;
          // A type: named among the index's exports; a value: the very same binding the index exports.
          if (typeOnly ? !new RegExp(`\\b${name}\\b`).test(index) : (api as Record<string, unknown>)[name] !== module[name]) problems.push(where);
        }
      }
    }
    expect(deepImports).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('command specs import their handler only dynamically, and never the UI or the runner', () => {
    for (const file of sources(join(ROOT, 'cli/commands'))) {
      const imports = importsOf(file);
      const name = relative(ROOT, file);
      expect(imports.filter((i) => !i.dynamic && /handlers\/|ui\/|^ink$|^react$|^workerpool$/.test(i.specifier)), name).toEqual([]);
      expect(imports.filter((i) => i.dynamic).map((i) => i.specifier), name).toEqual([`../handlers/${name.slice('cli/commands/'.length, -3)}.js`]);
    }
  });

  it('src/** imports workerpool only lazily (but the worker thread itself, which workerpool starts)', () => {
    const statics = sources(join(ROOT, 'src'))
      .filter((file) => !file.endsWith(join('runner', 'worker.ts')))
      .filter((file) => importsOf(file).some((i) => i.specifier === 'workerpool' && !i.dynamic && !i.typeOnly));
    expect(statics.map((f) => relative(ROOT, f))).toEqual([]);
    expect(importsOf(join(ROOT, 'src/runner/replicate.ts')).filter((i) => i.specifier === 'workerpool').map((i) => i.dynamic || i.typeOnly)).toEqual([true, true]);
  });

  it('exports what a user needs, as values', () => {
    const values = [
      'loadScenario', 'parseScenario', 'scenarioHash', 'ScenarioError', 'formatProblem',
      'ROUTING_POLICIES', 'ROUTING_POLICY_NAMES', 'AGENT_SELECTIONS', 'AGENT_SELECTION_NAMES',
      'runReplications', 'defaultWorkers', 'createReplicationPool', 'RunAborted', 'Simulation', 'simulateReplication',
      'summarize', 'estimate', 'scopeValues', 'meanCI', 'pairedDifferenceCI', 'studentTQuantile',
      'compareRuns', 'comparedMetrics', 'calibrate', 'isObservable', 'isShare', 'FREE_PARAMETERS', 'erlang',
      'summaryDocument', 'toJson', 'SCHEMA_VERSION', 'runRecord', 'compareDocument', 'calibrationDocument', 'calibratedOverlay',
      'calibrationTextReport', 'compareTextReport', 'formatSeconds', 'formatSecondsEstimate', 'formatShare', 'table', 'formatDuration',
      'writeFileAtomic', 'careloadVersion', 'Engine', 'createStream', 'KeyedUniform', 'samplerOf',
      'erlangRow', 'erlangTable', 'requiredAgents', 'rosteredAgents', 'meetsTarget', 'erlangStaffing', 'UnreachableServiceLevel',
      'erlangDocument', 'erlangTextReport', 'durationSeconds', 'parseDuration', 'parseRate', 'parseShare',
      'writeRunFiles', 'runIdOf', 'runIdOfScenario', 'readCareloadDocument', 'checkRunSet', 'removeStaleTemps', 'checkOutputFolder', 'checkOutputFile', 'OutputPathError', 'errnoText',
    ];
    expect(Object.keys(api)).toEqual(expect.arrayContaining(values));
    expect(Object.keys(api.erlang).sort()).toEqual(['erlangA', 'erlangAResponseWithin', 'erlangB', 'erlangC', 'erlangCMeanWait', 'erlangCResponseWithin', 'erlangCServiceLevel']);
    expect(api.careloadVersion()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
