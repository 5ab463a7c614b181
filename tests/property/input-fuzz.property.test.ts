/**
 * Fuzzing the scenario loader, overlays and `--set` with arbitrary YAML/JSON
 * text and with mutations of every shipped scenario. Property: the result
 * is a scenario, or a ScenarioError whose problems each say where (a
 * `file:line:col`, or the `--set` that caused it), on one line, each once;
 * never any other exception.
 *
 * Runs a bounded number of cases (CI); set CARELOAD_FUZZ_RUNS to run more.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatProblem, loadScenario, parseScenario, ScenarioError } from '../../src/index.js';

const RUNS = Number(process.env.CARELOAD_FUZZ_RUNS ?? 60);
const SCENARIOS = readdirSync('scenarios')
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => ({ file: join('scenarios', f), text: readFileSync(join('scenarios', f), 'utf8') }));
const dir = mkdtempSync(join(tmpdir(), 'careload-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `load` and checks its outcome against the property; `file` is the label problems must carry. */
function expectCleanOutcome(load: () => unknown, files: readonly string[]): void {
  let error: unknown;
  try {
    const scenario = load() as { channels?: unknown; teams?: unknown };
    expect(Array.isArray(scenario.channels) && Array.isArray(scenario.teams)).toBe(true);
    return;
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ScenarioError)) throw new Error(`not a ScenarioError: ${String((error as Error)?.stack ?? error)}`);
  expect(error.problems.length).toBeGreaterThan(0);
  const lines = error.problems.map(formatProblem);
  for (const p of error.problems) {
    const located = files.some((f) => new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`).test(p.where));
    const fromSet = p.where.startsWith('--set');
    const unreadable = files.includes(p.where) && p.message.startsWith('cannot read');
    if (!(located || fromSet || unreadable)) throw new Error(`problem without a place: ${formatProblem(p)}`);
    expect(typeof p.path).toBe('string');
    expect(p.message).not.toContain('\n');
    expect(formatProblem(p)).not.toContain('\n');
    expect(formatProblem(p).length).toBeLessThan(1200);
  }
  expect(new Set(lines).size, `a problem reported twice:\n${lines.join('\n')}`).toBe(lines.length);
}

/** Odd scalars: empty, huge, reserved, unicode, numbers at the edges, YAML specials. */
const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', '.nan', '.inf', '-.inf', '1e999', '-0', '0x1F', '1_000', '~', 'null', 'yes', '__proto__', 'constructor', '5', '5h', '-5m', '1e9h', '+63%', '200%', '08:00', 'd9999999 08:00', 'surge', '*a', '&a x', '!!binary AAAA', '!foo x'),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((b) => Number(b)),
  fc.boolean(),
  fc.constant(null),
);

/** Any value: odd scalars, lists and mappings of them (keys may be reserved words). */
const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, oddScalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'agents', 'rate', 'dist')), tie('value'), { maxKeys: 4 }),
})).value;

/** Every key path in a value tree. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Mutation = { kind: 'delete' | 'retype' | 'duplicate' | 'nest'; pick: number; value: unknown; depth: number };

/** A copy of `tree` with one mutation at the picked path. */
function mutate(tree: unknown, m: Mutation): unknown {
  const copy = structuredClone(tree) as Record<string, unknown>;
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  if (paths.length === 0) return m.value;
  const path = paths[m.pick % paths.length];
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'retype':
      parent[key] = m.value;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else parent[`${String(key)}2`] = structuredClone(parent[key]);
      break;
    case 'nest': {
      let v: unknown = parent[key];
      for (let i = 0; i < m.depth; i++) v = i % 2 === 0 ? [v] : { x: v };
      parent[key] = v;
      break;
    }
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'retype', 'duplicate', 'nest'),
  pick: fc.nat(),
  value: oddValue,
  depth: fc.integer({ min: 1, max: 300 }),
});

/** A text edit: drop, repeat (a duplicate key) or break a line. */
const textEdit = fc.record({ kind: fc.constantFrom('drop', 'repeat', 'insert'), line: fc.nat(), text: fc.string({ maxLength: 20 }) });

function editText(text: string, e: { kind: string; line: number; text: string }): string {
  const lines = text.split('\n');
  const i = e.line % lines.length;
  if (e.kind === 'drop') lines.splice(i, 1);
  else if (e.kind === 'repeat') lines.splice(i, 0, lines[i]);
  else lines[i] = lines[i].slice(0, e.text.length) + e.text + lines[i].slice(e.text.length);
  return lines.join('\n');
}

const shipped = fc.constantFrom(...SCENARIOS);
const asText = (tree: unknown, json: boolean) => (json ? JSON.stringify(tree) ?? 'null' : stringify(tree, { aliasDuplicateObjects: false }));

describe('fuzz: the scenario loader refuses bad input with located problems, never another exception', () => {
  it('arbitrary text, as YAML and as JSON', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom('a: ', '- ', '  ', '\n', '{', '}', '[', ']', ', ', '&x ', '*x', '!!map ', '? ', '|', '>', '"', "'", '#', '%YAML 1.2\n', '---\n', '...\n', 'horizon', 'teams', '__proto__', ': 1'), { maxLength: 80 }).map((a) => a.join('')),
      oddValue.map((v) => stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.integer({ min: 1, max: 3000 }).map((n) => '{a: '.repeat(n) + '1' + '}'.repeat(n)),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('f.yaml', 'f.json'), (t, file) => expectCleanOutcome(() => parseScenario(t, file), [file])),
      { numRuns: RUNS * 3 },
    );
  });

  it('mutations of every shipped scenario (keys deleted, duplicated, retyped, nested deep), as YAML and JSON', () => {
    fc.assert(
      fc.property(shipped, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), ({ text }, ms, json) => {
        const tree = ms.reduce((t, m) => mutate(t, m), parseYamlValue(text));
        const file = json ? 'm.json' : 'm.yaml';
        expectCleanOutcome(() => parseScenario(asText(tree, json), file), [file]);
      }),
      { numRuns: RUNS },
    );
  });

  it('text edits of every shipped scenario (lines dropped, repeated, broken)', () => {
    fc.assert(
      fc.property(shipped, fc.array(textEdit, { minLength: 1, maxLength: 4 }), ({ text }, edits) => {
        const edited = edits.reduce(editText, text);
        expectCleanOutcome(() => parseScenario(edited, 'e.yaml'), ['e.yaml']);
      }),
      { numRuns: RUNS },
    );
  });

  it('overlays: arbitrary values and mutated scenarios merged over a shipped scenario', () => {
    let n = 0;
    fc.assert(
      fc.property(shipped, fc.oneof(oddValue, fc.tuple(shipped, mutation).map(([s, m]) => mutate(parseYamlValue(s.text), m))), ({ file }, overlay) => {
        const path = join(dir, `overlay-${n++}.yaml`);
        writeFileSync(path, asText(overlay, false));
        expectCleanOutcome(() => loadScenario(file, { overlays: [path] }), [file, path]);
      }),
      { numRuns: RUNS },
    );
  });

  it('--set and --set-new: real and mangled key paths with odd values', () => {
    const override = fc.record({
      pick: fc.nat(),
      mangle: fc.constantFrom('none', 'typo', 'extra', 'reserved', 'index', 'empty'),
      value: fc.oneof(oddValue.map((v) => stringify(v).trimEnd()), fc.string({ maxLength: 100 })),
      creates: fc.boolean(),
    });
    fc.assert(
      fc.property(shipped, fc.array(override, { minLength: 1, maxLength: 3 }), ({ file, text }, overrides) => {
        const paths = pathsOf(parseYamlValue(text)).filter((p) => p.length > 0);
        const set: string[] = [];
        const setNew: string[] = [];
        for (const o of overrides) {
          const path = paths[o.pick % paths.length].map(String);
          const last = path.length - 1;
          if (o.mangle === 'typo') path[last] = path[last].split('').reverse().join('');
          if (o.mangle === 'extra') path.push('extra');
          if (o.mangle === 'reserved') path[last] = '__proto__';
          if (o.mangle === 'index') path[last] = '99';
          if (o.mangle === 'empty') path[last] = '';
          (o.creates ? setNew : set).push(`${path.join('.')}=${o.value}`);
        }
        expectCleanOutcome(() => loadScenario(file, { set, setNew }), [file]);
      }),
      { numRuns: RUNS },
    );
  });
});

/** A shipped scenario's tree (aliases expanded), to mutate. */
function parseYamlValue(text: string): unknown {
  return JSON.parse(JSON.stringify(parse(text))) as unknown;
}
