import { basename, extname } from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ScenarioError, type ScenarioProblem } from './errors.js';
import { applyAssignments, overlayAssignments, parseSetOverride, type Assignment } from './overrides.js';
import { resolveScenario } from './rules/index.js';
import { cut, documentValue, parseSource, readSource, sourceLabel, STDIN } from './source.js';
import { scenarioFileSchema } from './schema.js';
import type { Scenario } from './types.js';
import { attachTraces, traceKeyPath } from '../trace/attach.js';

export { ScenarioError, formatProblem, type ScenarioProblem } from './errors.js';

/** Options for {@link loadScenario}. */
export interface LoadOptions {
  /** Overrides `key.path=value` applied over the file before validation; each path must name a key the schema knows and a team, channel, tier or surge the file has. */
  set?: readonly string[];
  /** Overrides like `set` that may add a team, channel, tier or surge (`--set-new`); applied before `set`. */
  setNew?: readonly string[];
  /** Overlay files (partial scenarios) merged over the file after `set`, in order. */
  overlays?: readonly string[];
  /** Rows of a replayed trace that cannot be replayed are skipped and counted instead of refusing the scenario (`--skip-bad-rows`). */
  skipBadRows?: boolean;
}

/** Reads, parses and validates a scenario file (YAML or JSON; `-` reads standard input). @throws ScenarioError */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return parseScenario(readSource(file, 'scenario'), file, options);
}

/** Parses and validates scenario text; `file` names it in messages (`-`: standard input). @throws ScenarioError */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Scenario {
  const { doc, at } = parseSource(text, file);
  const assignments = [
    ...(options.setNew ?? []).map((o) => parseSetOverride(o, true)),
    ...(options.set ?? []).map((o) => parseSetOverride(o)),
    ...(options.overlays ?? []).flatMap(overlayAssignments),
  ];
  applyAssignments(doc, assignments, file);
  const locate = (path: (string | number)[], onKey: boolean): string => {
    // A problem inside a value that an override or overlay put there is theirs to report.
    const dotted = path.join('.');
    const hit = assignments.findLast((a) => {
      const o = a.path.join('.');
      return dotted === o || dotted.startsWith(`${o}.`) || o.startsWith(`${dotted}.`);
    });
    if (hit) return hit.where;
    const offset = offsetOf(doc, path, onKey);
    return offset === null ? '--set' : at(offset);
  };

  const source = documentValue(doc, at) ?? {};
  const parsed = scenarioFileSchema.safeParse(source);
  if (!parsed.success) throw new ScenarioError(byPosition(zodProblems(parsed.error, locate).map((p) => asWritten(p, doc, assignments))));
  // The name becomes a folder under results/: keep it to safe characters.
  const label = sourceLabel(file);
  const fallbackName = file === STDIN ? 'stdin' : `${/^[A-Za-z]/.test(basename(label)) ? '' : 's-'}${basename(label, extname(label)).replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const { scenario, issues } = resolveScenario(parsed.data, fallbackName);
  if (!scenario) {
    throw new ScenarioError(
      byPosition(issues.map((i) => ({ where: locate(i.path, i.onKey === true), path: i.path.join('.'), message: i.message }))),
    );
  }
  const traced = attachTraces(scenario, {
    scenarioFile: file,
    skipBadRows: options.skipBadRows === true,
    where: (trace) => locate(traceKeyPath(scenario, trace), false),
  });
  return { ...traced, source: source as Record<string, unknown> };
}

/**
 * A problem echoing a number as parsed (`got 12345678901234567000`) echoes
 * it as written instead (`got 12345678901234567890`): in the file, or in the
 * `--set` that gave it.
 */
function asWritten(problem: ScenarioProblem, doc: Document, assignments: readonly Assignment[]): ScenarioProblem {
  const path = problem.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const set = assignments.findLast((a) => a.path.join('.') === problem.path);
  let written: string | undefined;
  let parsed: unknown;
  if (set) {
    written = set.valueText?.trim();
    parsed = set.value;
  } else {
    const node = doc.getIn(path, true);
    if (isScalar(node)) {
      written = node.source;
      parsed = node.value;
    }
  }
  if (typeof parsed !== 'number' || written === undefined || written === String(parsed)) return problem;
  const got = `got ${String(parsed)}`;
  return problem.message.endsWith(got) ? { ...problem, message: `${problem.message.slice(0, -got.length)}got ${cut(written)}` } : problem;
}

/**
 * Source offset for a key path: the value's node when it exists (or the key
 * itself when `onKey`), else the deepest existing key on the way there; null
 * when the path leads into nodes created by --set (they have no position).
 */
function offsetOf(doc: Document, path: (string | number)[], onKey: boolean): number | null {
  let node: unknown = doc.contents;
  let offset = (doc.contents)?.range?.[0] ?? 0;
  // Where the key of the collection we are in stands: a missing key is reported there.
  let parentKey = offset;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      // Keys parsed from the file are Scalar nodes; keys added by --set may be plain values.
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) return parentKey;
      const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
      if (!keyRange) return null;
      const keyAt = keyRange[0];
      const value = pair.value as Node | null;
      offset = last && (onKey || isMap(value) || isSeq(value)) ? keyAt : value?.range?.[0] ?? keyAt;
      parentKey = keyAt;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      const range = (node as Node | null)?.range;
      if (!range) return null;
      offset = range[0];
      parentKey = offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Orders problems by their place in the file (overrides last), keeping ties in order found. */
function byPosition(problems: ScenarioProblem[]): ScenarioProblem[] {
  const key = (p: ScenarioProblem) => {
    const m = /:(\d+):(\d+)$/.exec(p.where);
    return m ? Number(m[1]) * 1e6 + Number(m[2]) : Infinity;
  };
  return problems.map((p, i) => ({ p, i, k: key(p) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.p);
}

/** zod issues as located problems; unknown keys are reported one by one at the key. */
function zodProblems(error: z.ZodError, locate: (path: (string | number)[], onKey: boolean) => string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        problems.push({ where: locate(keyPath, true), path: keyPath.join('.'), message: issue.message });
      }
    } else {
      const onKey = issue.code === 'custom' && (issue.params as { onKey?: boolean } | undefined)?.onKey === true;
      problems.push({ where: locate(path, onKey), path: path.join('.'), message: issue.message });
    }
  }
  return problems;
}
