/**
 * Checks a `--set` key path against the scenario schema and the file before
 * it is applied: every key must be one the schema knows (so a key left at
 * its default can still be set), and a team, channel, tier or surge named
 * in the path must exist, unless the override came with `--set-new`. A typo
 * such as `teams.agnets.agents=5` is refused with the closest name instead
 * of silently creating a new team.
 */
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { closestWord } from './closest.js';
import { ScenarioError } from './errors.js';
import { DEFAULTS, scenarioFileSchema } from './schema.js';
import { cut, sourceLabel } from './source.js';

/** The sections whose keys (or, for surges, entries) are names the user chose. */
const NAMED_SECTIONS: Record<string, string> = { teams: 'team', channels: 'channel', tiers: 'tier', surges: 'surge' };

/** A path checked and with surge names turned into list indexes; `newSurge` names a surge the override adds. */
export interface ResolvedPath {
  path: (string | number)[];
  newSurge?: { index: number; name: string };
}

/** What a zod schema node is, for walking it by key path. */
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
}

const defOf = (schema: unknown): SchemaDef => (schema as { _zod: { def: SchemaDef } })._zod.def;

/** The schema below optional/default wrappers. */
function unwrap(schema: unknown): SchemaDef {
  let def = defOf(schema);
  while (def.innerType !== undefined && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(def.type)) {
    def = defOf(def.innerType);
  }
  return def;
}

/** Names in a section of the document: map keys, or surge names (`surge<n>` when unnamed). */
function namesIn(doc: Document, section: string): string[] {
  const node = doc.get(section, true);
  if (isMap(node)) return node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
  if (isSeq(node)) {
    return node.items.map((item, i) => {
      const named = isMap(item) ? item.get('name') : undefined;
      return typeof named === 'string' ? named : `surge${i + 1}`;
    });
  }
  // The file has no tiers: the default tier still exists.
  return section === 'tiers' ? Object.keys(DEFAULTS.tiers) : [];
}

/**
 * Checks `path` of the override `text` against the schema and the document
 * as it stands (earlier overrides applied); `creates` allows new names.
 * @throws ScenarioError naming the override, the unknown key or name, and the closest known one
 */
export function resolveSetPath(doc: Document, path: readonly (string | number)[], text: string, file: string, creates: boolean): ResolvedPath {
  const where = `--set ${cut(text)}`;
  const refuse = (message: string): never => {
    throw new ScenarioError([{ where, path: '', message }]);
  };
  const hint = (word: string, known: readonly string[]) => {
    const near = closestWord(word, known);
    return near !== null ? ` (did you mean "${near}"?)` : known.length > 0 ? `; known: ${cut(known.join(', '), 200)}` : '';
  };
  const out: (string | number)[] = [];
  let newSurge: ResolvedPath['newSurge'];
  let schema: unknown = scenarioFileSchema;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const def = unwrap(schema);
    if (def.type === 'object' && def.shape) {
      const keys = Object.keys(def.shape);
      if (typeof seg !== 'string' || !Object.hasOwn(def.shape, seg)) {
        const under = out.length > 0 ? ` under ${out.join('.')}` : '';
        const near = closestWord(String(seg), keys);
        const mean = near !== null ? ` (did you mean "${near}"?)` : '';
        return refuse(`unknown key "${cut(String(seg))}"${under}${mean}; accepted keys here: ${keys.join(', ')}`);
      }
      out.push(seg);
      schema = def.shape[seg];
    } else if (def.type === 'record') {
      const section = i === 1 ? String(path[0]) : '';
      const kind = NAMED_SECTIONS[section] as string | undefined;
      if (kind !== undefined && !creates) {
        const known = namesIn(doc, section);
        if (!known.includes(String(seg))) {
          return refuse(`no ${kind} "${cut(String(seg))}" in ${sourceLabel(file)}${hint(String(seg), known)}; to add one, use --set-new`);
        }
      }
      out.push(String(seg));
      schema = def.valueType;
    } else if (def.type === 'array') {
      const list = doc.getIn(out, true);
      const length = isSeq(list) ? list.items.length : 0;
      const isSurges = i === 1 && path[0] === 'surges';
      let index: number;
      if (typeof seg === 'number') {
        index = seg;
      } else if (isSurges) {
        const known = namesIn(doc, 'surges');
        index = known.indexOf(seg);
        if (index < 0 && creates) {
          index = length;
          newSurge = { index, name: seg };
        }
        if (index < 0) return refuse(`no surge "${cut(seg)}" in ${sourceLabel(file)}${hint(seg, known)}; to add one, use --set-new`);
      } else {
        return refuse(`${out.join('.')} is a list: expected an index such as ${out.join('.')}.0, got "${cut(seg)}"`);
      }
      if (isSurges && index >= length && !creates) {
        return refuse(`no surge ${index} in ${sourceLabel(file)} (it has ${length}, counted from 0, or by name surge1, surge2, ...); to add one, use --set-new`);
      }
      out.push(index);
      schema = def.element;
    } else {
      // A value parsed as a whole (a duration, a distribution, ...): its own checks judge what is below.
      out.push(...path.slice(i));
      break;
    }
  }
  return newSurge ? { path: out, newSurge } : { path: out };
}
