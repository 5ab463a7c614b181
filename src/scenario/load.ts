import { basename, extname } from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ScenarioError, type ScenarioProblem } from './errors.js';
import { applyAssignments, overlayAssignments, parseSetOverride } from './overrides.js';
import { resolveScenario } from './rules/index.js';
import { parseSource, readSource } from './source.js';
import { scenarioFileSchema } from './schema.js';
import type { Scenario } from './types.js';

export { ScenarioError, formatProblem, type ScenarioProblem } from './errors.js';

/** Options for {@link loadScenario}. */
export interface LoadOptions {
  /** Overrides `key.path=value` applied over the file before validation. */
  set?: readonly string[];
  /** Overlay files (partial scenarios) merged over the file after `set`, in order. */
  overlays?: readonly string[];
}

/** Reads, parses and validates a scenario file (YAML or JSON). @throws ScenarioError */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return parseScenario(readSource(file, 'scenario'), file, options);
}

/** Parses and validates scenario text; `file` names it in messages. @throws ScenarioError */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Scenario {
  const { doc, at } = parseSource(text, file);
  const assignments = [...(options.set ?? []).map(parseSetOverride), ...(options.overlays ?? []).flatMap(overlayAssignments)];
  applyAssignments(doc, assignments);
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

  const parsed = scenarioFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new ScenarioError(byPosition(zodProblems(parsed.error, locate)));
  // The name becomes a folder under results/: keep it to safe characters.
  const fallbackName = `${/^[A-Za-z]/.test(basename(file)) ? '' : 's-'}${basename(file, extname(file)).replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const { scenario, issues } = resolveScenario(parsed.data, fallbackName);
  if (!scenario) {
    throw new ScenarioError(
      byPosition(issues.map((i) => ({ where: locate(i.path, i.onKey === true), path: i.path.join('.'), message: i.message }))),
    );
  }
  return { ...scenario, source: doc.toJS() as Record<string, unknown> };
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
