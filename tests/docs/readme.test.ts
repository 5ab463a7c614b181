/**
 * README.md tells the truth about the tool, and keeps telling it:
 * - every marked example, run again with the built CLI, prints what the
 *   README shows (machine-dependent figures masked), every embedded file is
 *   the shipped file, every generated table matches the code, and prose
 *   that quotes an example's figures quotes figures it prints;
 * - no `careload` command is shown outside a marked example;
 * - every relative link (and #anchor) of README.md and docs/ resolves;
 * - every scenario key of the schema is documented, and no key table names
 *   a key the schema does not have;
 * - every option of `careload <command> --help` is documented in that
 *   command's section, and the section names no option the command lacks.
 *
 * Needs dist/ (`npm run build`; `npm test` builds first). When an example's
 * output changed on purpose, `npm run docs:examples` rewrites the README.
 * The whole file takes about 30 s on 2 quiet cores (calibrate is a third of
 * it), over 2 minutes when other jobs keep the cores busy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { scenarioFileSchema } from '../../src/scenario/schema.js';
import {
  builtCli,
  createWorkspace,
  findMarkedBlocks,
  findQuotingParagraphs,
  mask,
  normalise,
  projectRoot,
  renderBlock,
  staleFigures,
  type Workspace,
} from '../scripts/readme-examples.js';

const ROOT = projectRoot();
const README_PATH = join(ROOT, 'README.md');
const README = readFileSync(README_PATH, 'utf8');
const BLOCKS = findMarkedBlocks(README);

describe('README examples, files and generated tables match the tool', () => {
  let workspace: Workspace;
  beforeAll(() => {
    if (!existsSync(builtCli(ROOT))) throw new Error('dist/ is missing: run `npm run build` first');
    workspace = createWorkspace(ROOT);
  });
  afterAll(() => workspace?.dispose());

  it('has marked blocks of every kind', () => {
    expect(BLOCKS.filter((b) => b.kind === 'example').length).toBeGreaterThanOrEqual(5);
    expect(BLOCKS.some((b) => b.kind === 'file')).toBe(true);
    expect(BLOCKS.some((b) => b.kind === 'generated')).toBe(true);
  });

  // In README order: later examples may read what earlier ones wrote into the workspace.
  for (const block of BLOCKS) {
    it(`README.md:${block.markerLine + 1} ${block.kind}: ${block.argument}`, { timeout: 600_000 }, async () => {
      const fresh = await renderBlock(block, workspace, ROOT);
      const hint = 'README.md is out of date: run `npm run docs:examples` and review the diff';
      expect(mask(block.text), hint).toBe(mask(fresh));
    });
  }
});

/** A line that invokes careload (`careload run ...`, `$ npx careload --help`), not one it printed (`careload bench: ...`). */
const CARELOAD_COMMAND = /^\s*(\$\s+)?(npx\s+)?careload\s+(run|validate|compare|plan|calibrate|check|diff|erlang|fit|generate|merge|report|schema|--?[a-z][\w-]*)(?![\w:-])/;

describe('README prose', () => {
  it('quotes only figures that the example above it prints', () => {
    const paragraphs = findQuotingParagraphs(README);
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const p of paragraphs) expect(staleFigures(p.text, p.example.text), `README.md:${p.markerLine + 2}`).toEqual([]);
  });

  it('shows no careload command outside a marked example', () => {
    const lines = README.split('\n');
    const marked = new Set(BLOCKS.flatMap((b) => Array.from({ length: b.end - b.start }, (_, k) => b.start + k)));
    let inFence = false;
    const unmarked: string[] = [];
    lines.forEach((line, i) => {
      if (line.startsWith('```')) inFence = !inFence;
      else if (inFence && !marked.has(i) && CARELOAD_COMMAND.test(line)) unmarked.push(`README.md:${i + 1}: ${line}`);
    });
    expect(unmarked).toEqual([]);
  });
});

describe('the comparison can fail', () => {
  it('masks machine figures only: a changed result is still a difference', () => {
    const shown = '40% · replications 4/10 · 84k events/s · 0:02 elapsed · about 0:03 left\nreply p90 7.1m ±0.6s';
    expect(mask(shown)).toBe(mask('40% · replications 4/10 · 1.2M events/s · 1:30 elapsed · about 2:10 left\nreply p90 7.1m ±0.6s'));
    expect(mask(shown)).not.toBe(mask(shown.replace('7.1m', '7.2m')));
    const example = BLOCKS.find((b) => b.kind === 'example')!;
    expect(mask(example.text)).not.toBe(mask(example.text.replace(/\d/, (d) => String((Number(d) + 1) % 10))));
  });

  it('normalises the workspace path and trailing blanks', () => {
    const workspace = { dir: '/tmp/careload-readme-x', dispose: () => {} };
    expect(normalise('wrote /tmp/careload-readme-x/results/a/summary.json  \n\n', workspace)).toBe('wrote results/a/summary.json');
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** The anchors of a markdown file's headings (duplicates get -1, -2, ... as on GitHub). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown)) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** The lines of a markdown text outside fenced code blocks. */
function withoutFences(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      inFence = !inFence;
      return false;
    }
    return !inFence;
  });
}

describe('links', () => {
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  for (const file of files) {
    it(`every relative link of ${file} resolves to a file (and heading)`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const broken: string[] = [];
      let count = 0;
      for (const line of withoutFences(text)) {
        for (const m of line.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
          const target = m[1];
          if (/^[a-z]+:/i.test(target)) continue;
          count++;
          const [path, anchor] = target.split('#');
          const resolved = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
          if (!existsSync(resolved)) broken.push(`${target}: no such file`);
          else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
        }
      }
      expect(count).toBeGreaterThan(0);
      expect(broken).toEqual([]);
    });
  }
});

/** Every key path of the scenario schema: `channels.<name>.followUp.after`, `surges[].volume`, ... */
function schemaKeyPaths(schema: z.ZodType, path = '', out: string[] = []): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return schemaKeyPaths(def.innerType as z.ZodType, path, out);
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const p = path ? `${path}.${key}` : key;
        out.push(p);
        schemaKeyPaths(value, p, out);
      }
      return out;
    case 'record':
      return schemaKeyPaths(def.valueType as z.ZodType, `${path}.<name>`, out);
    case 'array':
      return schemaKeyPaths(def.element as z.ZodType, `${path}[]`, out);
    default:
      return out;
  }
}

interface KeyRow {
  /** Key paths the row's first cell names (braces expanded). */
  paths: string[];
  /** Words inside the row's code spans, e.g. the keys of `{ after, to }`. */
  words: Set<string>;
  line: string;
}

/**
 * Rows of the README's key tables (header `| key | ...`). A table's keys
 * are relative to the section heading when that heading is a key path in
 * code (`channels.<name>`, `surges[]`), top-level otherwise.
 */
function keyTableRows(markdown: string): KeyRow[] {
  const rows: KeyRow[] = [];
  let prefix = '';
  let inKeyTable = false;
  for (const line of withoutFences(markdown)) {
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) {
      const m = /^`([A-Za-z.<>[\]]+)`$/.exec(heading[1].trim());
      prefix = m ? m[1] : '';
      continue;
    }
    if (/^\|\s*key\s*\|/.test(line)) {
      inKeyTable = true;
      continue;
    }
    if (!line.startsWith('|')) {
      inKeyTable = false;
      continue;
    }
    if (!inKeyTable || /^\|[-|\s]+\|$/.test(line)) continue;
    const firstCell = line.split('|')[1];
    const names = [...firstCell.matchAll(/`([^`]+)`/g)].flatMap((m) => expandBraces(m[1]));
    const words = new Set([...line.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/[A-Za-z_]\w*/g) ?? []));
    rows.push({ paths: names.map((n) => (prefix ? `${prefix}.${n}` : n)), words, line });
  }
  return rows;
}

/** `a.{b,c}` -> [`a.b`, `a.c`]. */
function expandBraces(name: string): string[] {
  const m = /^(.*)\{([^}]+)\}(.*)$/.exec(name);
  return m ? m[2].split(',').map((alt) => `${m[1]}${alt.trim()}${m[3]}`) : [name];
}

describe('scenario keys', () => {
  const keys = schemaKeyPaths(scenarioFileSchema);
  const rows = keyTableRows(README);

  it('every key of the schema is documented in a key table', () => {
    expect(keys.length).toBeGreaterThan(50);
    const documented = (key: string) =>
      rows.some((row) =>
        row.paths.some((p) => {
          if (p === key || p.startsWith(`${key}.`)) return true; // the key's row, or a row of one of its sub-keys
          if (!key.startsWith(`${p}.`) && !key.startsWith(`${p}[]`)) return false;
          // A sub-key of the row's key: named in the row, e.g. followUp's `{ after, probability, ... }`.
          return key.slice(p.length).split(/[.[\]]+/).filter((s) => s !== '' && s !== '<name>').every((s) => row.words.has(s));
        }),
      );
    expect(keys.filter((k) => !documented(k))).toEqual([]);
  });

  it('every key table row names keys the schema has', () => {
    expect(rows.length).toBeGreaterThan(50);
    const known = new Set(keys);
    expect(rows.flatMap((r) => r.paths.filter((p) => !known.has(p)).map((p) => `${p} (${r.line.slice(0, 60)})`))).toEqual([]);
  });
});

/** Options a command's --help lists (long names and one-letter aliases), without --help and --version. */
function helpOptions(command: string[]): string[] {
  const r = spawnSync(process.execPath, [builtCli(ROOT), ...command, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status).toBe(0);
  return r.stdout
    .split('\n')
    .flatMap((line) => {
      const m = /^\s+(?:(-\w), )?(--[a-z][\w-]*)/.exec(line);
      return m ? [m[1], m[2]].filter((o): o is string => o !== undefined) : [];
    })
    .filter((o) => !['--help', '-h', '--version'].includes(o));
}

/** The README text from a heading to the next heading of level 2 or 3. */
function section(heading: string): string {
  const lines = README.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `README has no heading ${heading}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^#{2,3}\s/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('commands', () => {
  it('careload --help, --version and <command> --help are documented', () => {
    expect(README).toContain('`careload --help`');
    expect(README).toContain('`careload --version`');
    expect(README).toContain('`careload <command> --help`');
  });

  const headings: [string, string][] = [
    ['run', '<scenario>'],
    ['validate', '<scenario>'],
    ['compare', '<scenario>'],
    ['calibrate', '<scenario>'],
    ['check', '[scenario|dir ...]'],
    ['diff', '<a> <b>'],
    ['plan', '<scenario>'],
    ['erlang', ''],
    ['generate', '<scenario>'],
    ['fit', '<export>'],
    ['merge', '<files..>'],
    ['report', '<results>'],
    ['schema', ''],
  ];
  for (const [command, positional] of headings) {
    it(`careload ${command}: its section documents exactly the options --help lists`, () => {
      const options = helpOptions([command]);
      if (command !== 'diff' && command !== 'erlang' && command !== 'fit' && command !== 'merge' && command !== 'report' && command !== 'schema') expect(options).toContain('--set');
      const text = section(`### \`${['careload', command, positional].filter(Boolean).join(' ')}\``);
      const missing = options.filter((o) => !new RegExp(`\`${o}(?![\\w-])`).test(text));
      expect(missing, `options of careload ${command} the README does not document`).toEqual([]);
      const named = [...text.matchAll(/`(--[a-z][\w-]*)/g)].map((m) => m[1].replace(/^--no-/, '--'));
      expect(named.filter((o) => !options.includes(o)), `options the README gives careload ${command} but it lacks`).toEqual([]);
    });
  }
});
