import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { ScenarioError } from './errors.js';
import { resolveSetPath } from './set-paths.js';
import { cut, parseSource, readSource, RESERVED_KEYS, reservedMessage } from './source.js';
import { setSyntaxError } from './set-syntax.js';

// The syntax check has its own small module, so the command line's option parsing can use it without loading YAML.
export { setSyntaxError };

/** One value put over a scenario document: by `--set` or by an overlay file. */
export interface Assignment {
  path: (string | number)[];
  value: unknown;
  /** Where problems with this value are reported: `--set` or `overlay.yaml:line:col`. */
  where: string;
  /** The override as typed, for messages about the override itself. */
  text?: string;
  /** The value as typed (after `=`), to echo it as written rather than as parsed. */
  valueText?: string;
  /** Given with `--set-new`: may add a team, channel, tier or surge the file does not have. */
  creates?: boolean;
}

/**
 * Parses `key.path=value` (value in YAML syntax, e.g. `+50%`, `[a, b]`);
 * `creates` marks a `--set-new` override, which may add names. @throws ScenarioError
 */
export function parseSetOverride(text: string, creates = false): Assignment {
  const flag = creates ? '--set-new' : '--set';
  const syntax = setSyntaxError(text);
  if (syntax !== null) throw new ScenarioError([{ where: `${flag} ${cut(text)}`, path: '', message: syntax }]);
  const eq = text.indexOf('=');
  const segments = text.slice(0, eq).trim().split('.');
  const reserved = segments.find((s) => RESERVED_KEYS.includes(s));
  if (reserved !== undefined) throw new ScenarioError([{ where: `${flag} ${cut(text)}`, path: '', message: reservedMessage(reserved) }]);
  const valueText = text.slice(eq + 1);
  let value: unknown;
  try {
    value = parseSource(valueText, 'value').value;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // Text that is not YAML is taken as it stands; anything else (a reserved key, an alias bomb) is refused.
    if (!e.problems.every((p) => p.message.startsWith('not valid YAML'))) {
      throw new ScenarioError(e.problems.map((p) => ({ ...p, where: `${flag} ${cut(text)}` })));
    }
    value = valueText;
  }
  const assignment: Assignment = { path: segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), value, where: '--set', text, valueText };
  return creates ? { ...assignment, creates } : assignment;
}

/**
 * Reads an overlay (a partial scenario) as assignments: mappings merge key
 * by key, anything else (a value, a list) replaces what the base had.
 * Aliases are expanded as in a scenario file.
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
        const written = pair.value as Node | null;
        const value = isAlias(written) ? (written.resolve(doc) as Node | undefined) ?? null : written;
        if (isMap(value) && value.items.length > 0) walk(value, [...path, key]);
        else out.push({ path: [...path, key], value: value === null ? null : value.toJS(doc, { maxAliasCount: -1 }), where: at(written ?? (pair.key as Node)) });
      }
    }
  };
  walk(doc.contents, []);
  return out;
}

/**
 * Puts the assignments over the document, in order. A `--set` path is first
 * checked against the schema and the names in the document (see
 * set-paths.ts); `file` names the scenario in those messages.
 * @throws ScenarioError for an unknown key or name, or a list index past the end
 */
export function applyAssignments(doc: Document, assignments: readonly Assignment[], file = 'the scenario'): void {
  for (const a of assignments) {
    if (doc.contents === null) doc.contents = doc.createNode({});
    const resolved = a.text !== undefined ? resolveSetPath(doc, a.path, a.text, file, a.creates === true) : { path: a.path };
    const segments = resolved.path;
    // A list index may address an entry or append one, never leave a gap.
    const entries = (i: number) => {
      const list = doc.getIn(segments.slice(0, i), true);
      return isSeq(list) ? list.items.length : list === undefined ? 0 : Infinity;
    };
    const label = a.text !== undefined ? `${a.creates ? '--set-new' : '--set'} ${cut(a.text)}` : a.where;
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
      const surge = 'newSurge' in resolved ? resolved.newSurge : undefined;
      if (surge && doc.getIn(['surges', surge.index, 'name']) === undefined) doc.setIn(['surges', surge.index, 'name'], surge.name);
    } catch (e) {
      throw new ScenarioError([{ where: label, path: '', message: `cannot set this key: ${cut((e as Error).message.split('\n')[0], 200)}` }]);
    }
  }
}
