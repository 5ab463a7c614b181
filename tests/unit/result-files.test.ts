/**
 * A run's result files: written whole through unguessable, exclusively
 * created temporary files; old leftovers of killed runs cleaned (and nothing
 * else); the set of summary.json, run.json and replications.json tied by
 * one run id that readers check, with the schema version, before reading.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkOutputFile,
  checkOutputFolder,
  checkRunSet,
  errnoText,
  OutputPathError,
  parseScenario,
  readCareloadDocument,
  readReplicationValues,
  RecordedRunError,
  removeStaleTemps,
  replicationValuesDocument,
  runIdOf,
  runIdOfScenario,
  runRecord,
  SCHEMA_VERSION,
  simulateReplication,
  summarize,
  summaryDocument,
  writeFileAtomic,
  writeRunFiles,
  type Scenario,
} from '../../src/index.js';
import { createExclusive } from '../../src/report/write.js';

const root = mkdtempSync(join(tmpdir(), 'careload-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const fresh = (): string => {
  const dir = join(root, `d${++counter}`);
  mkdirSync(dir);
  return dir;
};

const DAY = 24 * 3600 * 1000;
const TEMP = /^\.careload-[0-9a-f]{32}\.tmp$/;

describe('writeFileAtomic', () => {
  it('cannot be redirected by links planted at the temporary names it used to use', () => {
    const dir = fresh();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    // The old names were `.<pid>.<ms>.tmp`: plant a link at each name of the next few seconds.
    const now = Date.now();
    for (let ms = now - 50; ms < now + 3000; ms++) symlinkSync(victim, join(dir, `.${process.pid}.${ms}.tmp`));
    const target = join(dir, 'summary.json');
    writeFileAtomic(target, 'new results\n');
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(target).isFile()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new results\n');
    expect(readdirSync(dir).filter((n) => TEMP.test(n))).toEqual([]);
  });

  it('creates its temporary file exclusively: never through a link, never over a file', () => {
    const dir = fresh();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const link = join(dir, `.careload-${'a'.repeat(32)}.tmp`);
    symlinkSync(victim, link);
    expect(() => createExclusive(link)).toThrow(expect.objectContaining({ code: 'EEXIST' }) as Error);
    expect(() => createExclusive(victim)).toThrow(expect.objectContaining({ code: 'EEXIST' }) as Error);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  it('removes careload temporary files older than a day, and nothing else', () => {
    const dir = fresh();
    const old = (Date.now() - 2 * DAY) / 1000;
    const names = {
      staleTemp: `.careload-${'0'.repeat(32)}.tmp`,
      staleOldStyle: '.4242.1700000000000.tmp',
      freshTemp: `.careload-${'1'.repeat(32)}.tmp`,
      userTmp: '.notes.tmp',
      userFile: 'compare.json',
      lookalike: `.careload-${'2'.repeat(31)}.tmp`,
    };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), 'x');
    for (const name of [names.staleTemp, names.staleOldStyle, names.userTmp, names.userFile, names.lookalike]) utimesSync(join(dir, name), old, old);
    // A link named like a temporary file is not careload's to remove either.
    const link = `.careload-${'3'.repeat(32)}.tmp`;
    symlinkSync(join(dir, names.userFile), join(dir, link));
    writeFileAtomic(join(dir, 'summary.json'), '{}\n');
    const left = readdirSync(dir);
    expect(left).not.toContain(names.staleTemp);
    expect(left).not.toContain(names.staleOldStyle);
    for (const kept of [names.freshTemp, names.userTmp, names.userFile, names.lookalike, link, 'summary.json']) expect(left).toContain(kept);
  });

  it('cleans a folder once per process, unless forced', () => {
    const dir = fresh();
    expect(removeStaleTemps(dir)).toEqual([]);
    const stale = join(dir, `.careload-${'4'.repeat(32)}.tmp`);
    writeFileSync(stale, 'x');
    expect(removeStaleTemps(dir, Date.now() + 2 * DAY)).toEqual([]);
    expect(removeStaleTemps(dir, Date.now() + 2 * DAY, true)).toEqual([`.careload-${'4'.repeat(32)}.tmp`]);
    expect(existsSync(stale)).toBe(false);
  });
});

const scenario = parseScenario(
  `
name: files
horizon: 10h
warmup: 1h
replications: 3
seed: 1
channels:
  chat: { rate: 20/h, handleTime: 6m }
tiers:
  standard: { firstResponse: 10m }
teams:
  desk: { agents: 3 }
`,
  'files.yaml',
);

/** The result set of a run of `s`, stopped after `done` replications when given. */
function runFilesOf(s: Scenario, done = s.replications) {
  const results = Array.from({ length: done }, (_, i) => simulateReplication(s, i));
  const partial = done < s.replications ? { done, total: s.replications } : null;
  const started = new Date('2025-01-01T00:00:00Z');
  return {
    summary: summaryDocument(s, summarize(s, results), partial),
    replications: replicationValuesDocument(s, results, partial),
    run: runRecord({ startedAt: started, finishedAt: started, workers: 1, scenarioFile: 'files.yaml', scenario: s, overrides: [], overlays: [], stoppedEarly: partial }),
  };
}

describe('the run id', () => {
  it('depends on what was run only: scenario, seed, replications, replications done, shard', () => {
    const id = runIdOfScenario(scenario);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(runIdOfScenario({ ...scenario })).toBe(id);
    expect(runIdOfScenario({ ...scenario, seed: 2 })).not.toBe(id);
    expect(runIdOfScenario({ ...scenario, replications: 4 })).not.toBe(id);
    expect(runIdOfScenario(scenario, { done: 2 })).not.toBe(id);
    const identity = { scenarioHash: 'abc', seed: 1, replications: 3 };
    expect(runIdOf({ ...identity, shard: { index: 0, count: 2 } })).not.toBe(runIdOf({ ...identity, shard: { index: 1, count: 2 } }));
    // The scenario's name and thresholds are reported beside it, not part of it.
    expect(runIdOfScenario({ ...scenario, name: 'other' })).toBe(id);
  });

  it('is the same in the three files, and in each for a stopped run', () => {
    for (const files of [runFilesOf(scenario), runFilesOf(scenario, 2)]) {
      expect(files.replications.runId).toBe(files.summary.runId);
      expect(files.run.runId).toBe(files.summary.runId);
    }
    expect(runFilesOf(scenario, 2).summary.runId).not.toBe(runFilesOf(scenario).summary.runId);
  });
});

describe('writeRunFiles and its readers', () => {
  const current = runFilesOf(scenario);
  const other = runFilesOf({ ...scenario, seed: 7 });

  it('writes replications.json, then run.json, then summary.json, each with the run id', () => {
    const dir = fresh();
    const { written, summaryFile, summaryJson } = writeRunFiles(dir, current);
    expect(summaryFile).toBe(join(dir, 'summary.json'));
    expect(readFileSync(summaryFile, 'utf8')).toBe(summaryJson);
    const times = written.map((f) => statSync(f, { bigint: true }).mtimeNs);
    expect(times[0] <= times[1] && times[1] <= times[2]).toBe(true);
    for (const f of written) expect((JSON.parse(readFileSync(f, 'utf8')) as { runId: string }).runId).toBe(current.summary.runId);
    expect(readReplicationValues(summaryFile).runId).toBe(current.summary.runId);
    expect(() => writeRunFiles(dir, { ...current, run: other.run })).toThrow(/different runs/);
  });

  it('leaves every other file of the folder alone (compare.json, calibrated.yaml, plan.yaml, notes)', () => {
    const dir = fresh();
    const kept = { 'compare.json': '{"mine":1}\n', 'calibrated.yaml': 'teams: {}\n', 'plan.yaml': '# plan\n', 'notes.txt': 'hello\n' };
    const old = (Date.now() - 3 * DAY) / 1000;
    for (const [name, text] of Object.entries(kept)) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), old, old);
    }
    const before = Object.keys(kept).map((name) => statSync(join(dir, name)).mtimeMs);
    writeRunFiles(dir, current);
    writeRunFiles(dir, other);
    for (const [name, text] of Object.entries(kept)) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    expect(Object.keys(kept).map((name) => statSync(join(dir, name)).mtimeMs)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual([...Object.keys(kept), 'replications.json', 'run.json', 'summary.json'].sort());
  });

  it('refuses a folder holding files of two runs, as a run killed between its renames leaves it', () => {
    // Killed after the new replications.json, and after the new run.json too: summary.json is still the old run's.
    for (const newer of [['replications.json'], ['replications.json', 'run.json']]) {
      const dir = fresh();
      writeRunFiles(dir, other);
      const next = fresh();
      writeRunFiles(next, current);
      for (const name of newer) writeFileSync(join(dir, name), readFileSync(join(next, name)));
      const read = () => readReplicationValues(join(dir, 'summary.json'));
      expect(read).toThrow(RecordedRunError);
      expect(read).toThrow(`${dir}: summary.json (run id ${other.summary.runId}) and ${newer.at(-1) === 'run.json' ? 'run.json' : 'replications.json'} (run id ${current.summary.runId}) are from different runs`);
      expect(() => checkRunSet(dir)).toThrow(/are from different runs/);
    }
  });

  it('reads files of before run ids, but not a set where only some files have one', () => {
    const dir = fresh();
    writeRunFiles(dir, current);
    for (const name of ['summary.json', 'run.json', 'replications.json']) {
      const doc = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      delete doc.runId;
      if (name === 'run.json') delete doc.schemaVersion;
      writeFileSync(join(dir, name), JSON.stringify(doc));
      if (name === 'summary.json') expect(() => readReplicationValues(join(dir, 'summary.json'))).toThrow(/summary.json \(no run id\) and run.json \(run id [0-9a-f]{16}\)/);
    }
    expect(readReplicationValues(join(dir, 'summary.json')).values).toBeDefined();
  });

  it('refuses a summary, values or run record of another schema version, naming both versions', () => {
    for (const name of ['summary.json', 'replications.json', 'run.json']) {
      const dir = fresh();
      writeRunFiles(dir, current);
      const doc = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, name), JSON.stringify({ ...doc, schemaVersion: SCHEMA_VERSION + 1 }));
      expect(() => readReplicationValues(join(dir, 'summary.json'))).toThrow(`${join(dir, name)}: schema version ${SCHEMA_VERSION + 1}, this careload reads version ${SCHEMA_VERSION}`);
    }
  });

  it('reads check.json, plan.json and compare.json only at this schema version', () => {
    const dir = fresh();
    for (const name of ['check.json', 'plan.json', 'compare.json']) {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, x: 1 }));
      expect(readCareloadDocument(file)).toEqual({ schemaVersion: SCHEMA_VERSION, x: 1 });
      writeFileSync(file, JSON.stringify({ schemaVersion: 0, x: 1 }));
      expect(() => readCareloadDocument(file)).toThrow(`${file}: schema version 0, this careload reads version ${SCHEMA_VERSION}`);
      writeFileSync(file, JSON.stringify({ x: 1 }));
      expect(() => readCareloadDocument(file)).toThrow(`${file}: schema version none, this careload reads version ${SCHEMA_VERSION}`);
      writeFileSync(file, '[1]');
      expect(() => readCareloadDocument(file)).toThrow(/not a file written by careload/);
    }
  });
});

describe('checkOutputFolder', () => {
  it('creates a missing folder and leaves no probe behind', () => {
    const dir = join(fresh(), 'a', 'b');
    checkOutputFolder(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an empty path, system folders, links into them, files, and paths through a file', () => {
    const dir = fresh();
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    symlinkSync('/proc', join(dir, 'proc-link'));
    const refused: [string, RegExp][] = [
      ['', /^"": an empty path/],
      ['/proc/careload-test', /^\/proc\/careload-test: not a writable folder \(under \/proc, a system folder\)$/],
      ['/sys/x', /under \/sys/],
      ['/dev/shm/x', /under \/dev/],
      [join(dir, 'proc-link', 'x'), /under \/proc/],
      [file, /: not a writable folder \(it is a file\)$/],
      [join(file, 'sub'), /: not a writable folder \(a part of the path is a file \(ENOTDIR\)\)$/],
    ];
    for (const [path, message] of refused) {
      expect(() => checkOutputFolder(path), path).toThrow(OutputPathError);
      expect(() => checkOutputFolder(path), path).toThrow(message);
    }
    expect(existsSync('/proc/careload-test')).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only folder (not as root, who may write anywhere)', () => {
    const dir = join(fresh(), 'ro');
    mkdirSync(dir, { mode: 0o555 });
    expect(() => checkOutputFolder(dir)).toThrow(/not a writable folder \(permission denied \(EACCES\)\)/);
  });

  it('checks report files: their folder, and not a folder at their name', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file.txt'), 'x');
    expect(() => checkOutputFile(join(dir, 'new', 'check.xml'))).not.toThrow();
    expect(() => checkOutputFile(dir)).toThrow(/a folder, not a file/);
    expect(() => checkOutputFile(join(dir, 'file.txt', 'check.xml'))).toThrow(/cannot write here/);
    expect(() => checkOutputFile('')).toThrow(/an empty path/);
  });
});

describe('errnoText', () => {
  it('says a system error in words with its code', () => {
    const e = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(errnoText(e)).toBe('no space left on device (ENOSPC)');
    expect(errnoText(Object.assign(new Error('EWHAT: odd thing, open'), { code: 'EWHAT' }))).toBe('odd thing (EWHAT)');
    expect(errnoText(new Error('plain'))).toBe('plain');
  });
});
