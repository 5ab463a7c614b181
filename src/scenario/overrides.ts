import { isMap, isScalar, isSeq, parse as parseYaml, type Document, type Node } from 'yaml';
import { ScenarioError } from './errors.js';
import { parseSource, readSource } from './source.js';

/** One value put over a scenario document: by `--set` or by an overlay file. */
export interface Assignment {
  path: (string | number)[];
  value: unknown;
  /** Where problems with this value are reported: `--set` or `overlay.yaml:line:col`. */
  where: string;
  /** The override as typed, for messages about the override itself. */
  text?: string;
}

/** Parses `key.path=value` (value in YAML syntax, e.g. `+50%`, `[a, b]`). @throws ScenarioError */
export function parseSetOverride(text: string): Assignment {
  const eq = text.indexOf('=');
  const path = eq > 0 ? text.slice(0, eq).trim() : '';
  if (!path || path.split('.').some((s) => s === '')) {
    throw new ScenarioError([{ where: `--set ${text}`, path: '', message: 'expected key.path=value, e.g. --set teams.agents.agents=15' }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch {
    value = text.slice(eq + 1);
  }
  return { path: path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), value, where: '--set', text };
}

/**
 * Reads an overlay (a partial scenario) as assignments: mappings merge key
 * by key, anything else (a value, a list) replaces what the base had.
 * @throws ScenarioError
 */
export function overlayAssignments(file: string): Assignment[] {
  const source = parseSource(readSource(file, 'overlay'), file);
  const doc = source.doc;
  const at = (node: Node | null | undefined) => source.at(node?.range?.[0] ?? 0);
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) {
    throw new ScenarioError([{ where: at(doc.contents), path: '', message: 'expected an overlay mapping keys to values, e.g. teams: { regular: { agents: 30 } }' }]);
  }
  const out: Assignment[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = pair.value as Node | null;
        if (isMap(value) && value.items.length > 0) walk(value, [...path, key]);
        else out.push({ path: [...path, key], value: value === null ? null : (value).toJSON(), where: at(value ?? (pair.key as Node)) });
      }
    }
  };
  walk(doc.contents, []);
  return out;
}

/** Puts the assignments over the document, in order. @throws ScenarioError for a list index past the end */
export function applyAssignments(doc: Document, assignments: readonly Assignment[]): void {
  for (const a of assignments) {
    if (doc.contents === null) doc.contents = doc.createNode({});
    const segments = a.path;
    // A list index may address an entry or append one, never leave a gap.
    const entries = (i: number) => {
      const list = doc.getIn(segments.slice(0, i), true);
      return isSeq(list) ? list.items.length : list === undefined ? 0 : Infinity;
    };
    const label = a.text !== undefined ? `--set ${a.text}` : a.where;
    const beyond = segments.findIndex((seg, i) => typeof seg === 'number' && seg > entries(i));
    if (beyond >= 0) {
      const n = entries(beyond);
      throw new ScenarioError([{
        where: label,
        path: '',
        message: `${segments.slice(0, beyond).join('.')} has ${n} entries; index ${String(segments[beyond])} is past the end (use ${n} to append)`,
      }]);
    }
    try {
      doc.setIn(segments, doc.createNode(a.value));
    } catch (e) {
      throw new ScenarioError([{ where: label, path: '', message: `cannot set this key: ${(e as Error).message}` }]);
    }
  }
}
