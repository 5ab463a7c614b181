/**
 * `careload fit` end to end: the built binary fits a hand-made export in a
 * platform's own column layout (Zendesk-like headers, renamed with --map)
 * into a scenario that `careload validate` accepts; a bad export is one
 * line naming file:line and the column (exit 104), a bad flag exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const EXPORT = 'tests/fixtures/fit/zendesk-like-export.csv';
const MAP = 'id=Ticket ID,created=Created at,channel=Via,pickedUpAt=Assigned at,firstResponseAt=First reply at,closedAt=Solved at,workTime=Handle time (s),turns=Agent replies,abandoned=Abandoned,sentimentStart=Sentiment,sentimentEnd=Final sentiment,topic=Topic,brand=Brand,tier=Priority';
const dir = mkdtempSync(join(tmpdir(), 'careload-fit-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function careload(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload fit', () => {
  it("fits a platform's own export with --map into a scenario validate accepts", () => {
    const out = join(dir, 'zendesk.yaml');
    // The mapping may come in several --map flags, before the export too.
    const [first, ...rest] = MAP.split(',');
    const r = careload(['fit', '--map', first, EXPORT, '--map', rest.join(','), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^careload fit: tests\/fixtures\/fit\/zendesk-like-export\.csv, 297 conversations from 2026-03-09T08:00:00-05:00 over 73h/);
    expect(r.stdout).toMatch(/handleTime {3}from \d+ single-reply conversations/);
    expect(r.stdout).toMatch(/patience {5}\d+ abandonments, \d+ waits censored by pickup/);
    expect(r.stdout).toContain(`wrote ${out}`);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('startsAt: "2026-03-09T08:00:00-05:00"');
    expect(yaml).toMatch(/ {2}Web-Widget:\n {4}rate: /); // a platform's name made a scenario key
    const v = careload(['validate', out]);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('3 channel(s) [Email, Web-Widget, Chat]');
  });

  it('prints machine-readable diagnostics with --json', () => {
    const out = join(dir, 'json.yaml');
    const r = careload(['fit', EXPORT, '--map', MAP, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { out: string; rows: number; channels: { name: string; handleTime: { chosen: { family: string }; candidates: { family: string; bic: number; ks: { d: number } }[] } }[] };
    expect(doc.out).toBe(out);
    expect(doc.rows).toBe(297);
    expect(doc.channels.map((c) => c.name)).toEqual(['Email', 'Web Widget', 'Chat']);
    expect(doc.channels[0].handleTime.candidates.map((c) => c.family)).toEqual(['exponential', 'lognormal', 'gamma']);
  });

  it('names a missing required column in one line at line 1 (exit 104), and writes nothing', () => {
    const out = join(dir, 'missing.yaml');
    const r = careload(['fit', EXPORT, '--out', out]);
    expect(r.status).toBe(104);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^tests\/fixtures\/fit\/zendesk-like-export\.csv:1 created: missing required column \(name the file's own with --map created=Header\); the header has: Ticket ID, /),
      expect.stringMatching(/^tests\/fixtures\/fit\/zendesk-like-export\.csv:1 channel: missing required column/),
      expect.stringMatching(/^tests\/fixtures\/fit\/zendesk-like-export\.csv:1 workTime: missing required column/),
    ]);
    expect(existsSync(out)).toBe(false);
    const mapped = careload(['fit', EXPORT, '--map', `${MAP},created=Opened`, '--out', out]);
    expect(mapped.status).toBe(104);
    expect(mapped.stderr).toMatch(/^tests\/fixtures\/fit\/zendesk-like-export\.csv:1 Opened: no such column \(--map created=Opened\)/);
  });

  it('names a bad row by its line and column (a quoted line break counts)', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, [
      'created,channel,workTime,turns,note',
      '2026-03-02T08:00:00+01:00,chat,120,1,ok',
      '2026-03-02T08:01:00+01:00,chat,95,1,"two',
      'lines"',
      '2026-03-02T08:02:00+01:00,chat,3 minutes,1,bad',
    ].join('\n'));
    const r = careload(['fit', file, '--out', join(dir, 'bad.yaml')]);
    expect(r.status).toBe(104);
    expect(r.stderr).toBe(`${file}:5 workTime: expected seconds of agent work such as 183.5, or a duration such as 3m, got "3 minutes"\n`);
    writeFileSync(file, 'created,channel,workTime\n2026-03-02T08:00:00+01:00,chat,120\nyesterday,chat,60\n');
    expect(careload(['fit', file, '--out', join(dir, 'bad.yaml')]).stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:3 created: expected an ISO 8601 date-time`));
  });

  it('is a usage error (exit 2) for a bad --map or --starts-at', () => {
    const r = careload(['fit', EXPORT, '--map', 'created', '--out', join(dir, 'x.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^careload: --map: expected column=Header such as created=CreatedDate, got "created"/);
    const unknown = careload(['fit', EXPORT, '--map', 'opened=Created at', '--out', join(dir, 'x.yaml')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown column "opened"; columns: created, channel, workTime/);
    expect(careload(['fit', EXPORT, '--starts-at', '25:00', '--out', join(dir, 'x.yaml')]).status).toBe(2);
    expect(careload(['fit', EXPORT]).status).toBe(2);
  });
});
