/**
 * `careload schema` end to end: the built binary prints the JSON Schema of
 * scenario files (the shipped docs/careload.schema.json, byte for byte),
 * writes it whole with --out, refuses an unwritable --out as a usage error
 * (exit 2) without writing, and the schema it prints rejects a scenario
 * the loader rejects.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli', 'careload.js');
const tmp = mkdtempSync(join(tmpdir(), 'careload-schema-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function careload(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CARELOAD_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('careload schema', () => {
  it('prints the shipped schema, a draft-07 JSON Schema ajv compiles', () => {
    const r = careload(['schema']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/careload.schema.json'), 'utf8'));
    const schema = JSON.parse(r.stdout) as { $schema: string; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['horizon', 'channels', 'teams']);
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate({ horizon: '8h', channels: { chat: { rate: '10/h', handleTime: '5m' } }, teams: { a: { agents: 2 } } })).toBe(true);
    expect(validate({ horizon: '8h', channels: { chat: { rate: 'ten/h', handleTime: '5 minutes' } }, teams: { a: { agents: 2 } } })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/channels/chat/rate', '/channels/chat/handleTime']));
  });

  it('--out writes the same text to a file (creating its folder) and says so', () => {
    const out = join(tmp, 'new', 'careload.schema.json');
    const r = careload(['schema', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(careload(['schema']).stdout);
    expect(readdirSync(join(tmp, 'new'))).toEqual(['careload.schema.json']);
  });

  it('--out over an existing file replaces it whole', () => {
    const out = join(tmp, 'old.json');
    writeFileSync(out, 'x'.repeat(200_000));
    expect(careload(['schema', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(careload(['schema']).stdout);
  });

  it('an --out it cannot write is a usage error (exit 2) in one line, and nothing is written', () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, '');
    const r = careload(['schema', '--out', join(blocker, 'schema.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^careload: --out .*a-file\/schema\.json: cannot write here/);
    const folder = careload(['schema', '--out', tmp]);
    expect(folder.status).toBe(2);
    expect(folder.stderr.split('\n')[0]).toMatch(/a folder, not a file/);
    expect(existsSync(join(blocker, 'schema.json'))).toBe(false);
  });

  it('takes no scenario: an extra argument is a usage error', () => {
    const r = careload(['schema', 'scenarios/mmc-validation.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
