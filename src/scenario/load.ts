import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parse as parseYaml, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { resolveScenario } from './rules.js';
import { scenarioFileSchema } from './schema.js';
import type { Scenario } from './types.js';

/** One problem in a scenario, located in its file (or in a --set override). */
export interface ScenarioProblem {
  /** `file:line:col`, or `--set path` for an override. */
  where: string;
  /** Dotted key path such as `teams.tier1.agents` (empty for the whole file). */
  path: string;
  message: string;
}

/** A scenario that could not be loaded; `problems` holds one entry per problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col key.path: message`, the one-line form every problem is printed in. */
export function formatProblem(p: ScenarioProblem): string {
  return p.path ? `${p.where} ${p.path}: ${p.message}` : `${p.where}: ${p.message}`;
}

/** Options for {@link loadScenario}. */
export interface LoadOptions {
  /** Overrides `key.path=value` applied over the file before validation. */
  set?: readonly string[];
}

/** Reads, parses and validates a scenario file (YAML or JSON). @throws ScenarioError */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ScenarioError([{ where: file, path: '', message: `cannot read the scenario: ${reason}` }]);
  }
  return parseScenario(text, file, options);
}

/** Parses and validates scenario text; `file` names it in messages. @throws ScenarioError */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({ where: at(e.pos[0]), path: '', message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const overridden = applyOverrides(doc, options.set ?? []);
  const locate = (path: (string | number)[], onKey: boolean): string => {
    const dotted = path.join('.');
    const hit = overridden.find((o) => dotted === o || dotted.startsWith(`${o}.`) || o.startsWith(`${dotted}.`));
    if (hit) return '--set';
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
      byPosition(issues.map((i) => ({ where: locate(i.path, false), path: i.path.join('.'), message: i.message }))),
    );
  }
  return scenario;
}

/** Applies `key.path=value` overrides to the document; returns the paths set. */
function applyOverrides(doc: Document, overrides: readonly string[]): string[] {
  const paths: string[] = [];
  for (const o of overrides) {
    const eq = o.indexOf('=');
    const path = eq > 0 ? o.slice(0, eq).trim() : '';
    if (!path || path.split('.').some((s) => s === '')) {
      throw new ScenarioError([{ where: `--set ${o}`, path: '', message: 'expected key.path=value, e.g. --set teams.agents.agents=15' }]);
    }
    let value: unknown;
    try {
      value = parseYaml(o.slice(eq + 1));
    } catch {
      value = o.slice(eq + 1);
    }
    const segments = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (doc.contents === null) doc.contents = doc.createNode({}) as never;
    // A list index may address an entry or append one, never leave a gap.
    const entries = (i: number) => {
      const list = doc.getIn(segments.slice(0, i), true);
      return isSeq(list) ? list.items.length : list === undefined ? 0 : Infinity;
    };
    const beyond = segments.findIndex((seg, i) => typeof seg === 'number' && seg > entries(i));
    if (beyond >= 0) {
      const n = entries(beyond);
      throw new ScenarioError([{
        where: `--set ${o}`,
        path: '',
        message: `${segments.slice(0, beyond).join('.')} has ${n} entries; index ${String(segments[beyond])} is past the end (use ${n} to append)`,
      }]);
    }
    try {
      doc.setIn(segments, doc.createNode(value));
    } catch (e) {
      throw new ScenarioError([{ where: `--set ${o}`, path: '', message: `cannot set this key: ${(e as Error).message}` }]);
    }
    paths.push(path);
  }
  return paths;
}

/**
 * Source offset for a key path: the value's node when it exists (or the key
 * itself when `onKey`), else the deepest existing key on the way there; null
 * when the path leads into nodes created by --set (they have no position).
 */
function offsetOf(doc: Document, path: (string | number)[], onKey: boolean): number | null {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
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
