import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { ScenarioError, type ScenarioProblem } from './errors.js';

/** Largest scenario or overlay file read, in bytes (10 MB): a bigger one is refused unread. */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/** Most alias expansions in one YAML document: more is refused as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

/** Map keys refused anywhere in a file: JavaScript would read them as object machinery, not as names. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The file name `-`: read standard input. */
export const STDIN = '-';

/** How a file is named in messages: `stdin` for `-`, else the path as given. */
export function sourceLabel(file: string): string {
  return file === STDIN ? 'stdin' : file;
}

/**
 * Reads a scenario or overlay file (`-`: standard input); `what` names it in
 * the message. A regular file larger than {@link MAX_SOURCE_BYTES} is refused
 * from its size alone; anything else (a pipe, a device such as /dev/zero) is
 * read only up to that size. @throws ScenarioError
 */
export function readSource(file: string, what: string): string {
  const label = sourceLabel(file);
  const refuse = (message: string): never => {
    throw new ScenarioError([{ where: label, path: '', message: `cannot read the ${what}: ${message}` }]);
  };
  let fd: number;
  try {
    fd = file === STDIN ? 0 : openSync(file, 'r');
  } catch (e) {
    return refuse((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : firstLine((e as Error).message));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) refuse('it is a folder');
    if (stat.isFile() && stat.size > MAX_SOURCE_BYTES) refuse(tooLarge(`${stat.size} bytes`));
    return boundedRead(fd, refuse);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    return refuse(firstLine((e as Error).message));
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function tooLarge(size: string): string {
  return `too large (${size}; at most ${MAX_SOURCE_BYTES} bytes = 10 MB)`;
}

/** Reads at most MAX_SOURCE_BYTES (one byte more tells it is too large); waits out a non-blocking stdin. */
function boundedRead(fd: number, refuse: (message: string) => never): string {
  const buffer = Buffer.alloc(MAX_SOURCE_BYTES + 1);
  let length = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    length += n;
    if (length > MAX_SOURCE_BYTES) refuse(tooLarge('more than that'));
  }
  return buffer.toString('utf8', 0, length);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** A parsed file: its document, `at(offset)` giving `file:line:col`, and its value with aliases resolved. */
export interface ParsedSource {
  doc: Document;
  at: (offset: number) => string;
  /** The document as plain values, aliases expanded (at most {@link MAX_ALIAS_COUNT}). */
  value: unknown;
}

/**
 * Parses YAML (or JSON) the one way every file careload reads is parsed:
 * duplicate keys refused, warnings (such as an unknown tag) reported as
 * problems rather than printed, aliases expanded up to a limit, and the
 * reserved names of {@link RESERVED_KEYS} refused as keys. Problems are
 * located at `file:line:col`. @throws ScenarioError
 */
export function parseSource(text: string, file: string): ParsedSource {
  const label = sourceLabel(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${label}:${line}:${col}`;
  };
  const syntax = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
  const troubles = [...doc.errors, ...doc.warnings];
  if (troubles.length > 0) {
    throw new ScenarioError(troubles.map((e) => ({ where: at(e.pos[0]), path: '', message: `not valid ${syntax}: ${cut(firstLine(e.message), 200)}` })));
  }
  const reserved = reservedKeyProblems(doc.contents, [], at);
  if (reserved.length > 0) throw new ScenarioError(reserved);
  return { doc, at, value: documentValue(doc, at) };
}

/** The document's value, aliases expanded up to the limit. @throws ScenarioError past it */
export function documentValue(doc: Document, at: (offset: number) => string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!/alias/i.test((e as Error).message)) throw e;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new ScenarioError([{ where: at(offset), path: '', message: `too many alias expansions (more than ${MAX_ALIAS_COUNT}): is this an alias bomb?` }]);
  }
}

/** Problems for every reserved map key below `node`, at the key, with its path. */
function reservedKeyProblems(node: unknown, path: (string | number)[], at: (offset: number) => string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const keyPath = [...path, cut(String(key), 80)];
      if (typeof key === 'string' && RESERVED_KEYS.includes(key)) {
        problems.push({ where: at((pair.key as Node).range?.[0] ?? 0), path: keyPath.join('.'), message: reservedMessage(key) });
      }
      problems.push(...reservedKeyProblems(pair.value, keyPath, at));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => problems.push(...reservedKeyProblems(item, [...path, i], at)));
  }
  return problems;
}

/** Why a reserved key is refused. */
export function reservedMessage(key: string): string {
  return `"${key}" cannot be used as a name or key (it is reserved in JavaScript); choose another name`;
}

/** Text cut to `max` characters, with `...` when cut. */
export function cut(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
