import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { errnoText } from '../report/errno.js';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.js';
import type { Scenario, TraceSource } from '../scenario/types.js';
import { inspectTrace, TraceError, withTracedRate } from './inspect.js';

/** How to read a scenario's traces. */
export interface AttachOptions {
  /** The scenario file (its folder is where relative trace paths start); `-` for standard input (the working folder). */
  scenarioFile: string;
  /** Skip and count rows that cannot be replayed instead of refusing the trace (`--skip-bad-rows`). */
  skipBadRows: boolean;
  /** Where the `trace` key of trace `index` stands in the scenario file, `file:line:col`. */
  where: (source: TraceSource) => string;
}

/** The key path of a trace's `trace` key in the scenario file. */
export function traceKeyPath(scenario: Scenario, source: TraceSource): string[] {
  return source.channel === null ? ['arrivals', 'trace'] : ['channels', scenario.channels[source.channel].name, 'arrivals', 'trace'];
}

/**
 * Resolves each trace a scenario replays against the scenario file's folder,
 * reads and checks it (see inspectTrace), and returns the scenario with the
 * traces' contents and the traced channels' rates filled in.
 * @throws ScenarioError locating every problem: a trace that cannot be read at the scenario's key, a bad row at its line in the trace
 */
export function attachTraces(scenario: Scenario, options: AttachOptions): Scenario {
  if (scenario.traces.length === 0) return scenario;
  const base = options.scenarioFile === '-' ? process.cwd() : dirname(resolve(options.scenarioFile));
  const problems: ScenarioProblem[] = [];
  let channels = scenario.channels;
  const traces = scenario.traces.map((source): TraceSource => {
    const path = isAbsolute(source.file) ? source.file : resolve(base, source.file);
    const resolved: TraceSource = { ...source, path, skipBadRows: options.skipBadRows };
    const keyPath = traceKeyPath(scenario, source).join('.');
    try {
      if (statSync(path).isDirectory()) {
        problems.push({ where: options.where(source), path: keyPath, message: `${source.file} is a folder: expected a CSV trace file` });
        return resolved;
      }
    } catch (e) {
      problems.push({ where: options.where(source), path: keyPath, message: `cannot read ${source.file} (looked for ${path}): ${errnoText(e)}` });
      return resolved;
    }
    const label = relative(process.cwd(), path) || path;
    try {
      const found = inspectTrace(scenario, resolved, label.startsWith('..') ? path : label);
      channels = channels.map((c, i) => (found.rates[i] !== null || source.channel === i ? withTracedRate(c, found.rates[i]) : c));
      return { ...resolved, contents: found.contents };
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      for (const p of e.problems) problems.push({ where: p.where, path: p.column, message: p.message });
      return resolved;
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  // A scenario-level trace replays every channel: those without rows arrive nothing.
  if (traces.some((t) => t.channel === null)) channels = channels.map((c) => (c.tracedRate === null ? withTracedRate(c, null) : c));
  return { ...scenario, channels, traces };
}
