import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ScenarioError } from './errors.js';

/** Reads a scenario or overlay file; `what` names it in the message. @throws ScenarioError */
export function readSource(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ScenarioError([{ where: file, path: '', message: `cannot read the ${what}: ${reason}` }]);
  }
}

/**
 * Parses YAML (or JSON) keeping positions: the document, and `at(offset)`
 * giving `file:line:col`. Syntax errors and duplicate keys are reported
 * there. @throws ScenarioError
 */
export function parseSource(text: string, file: string): { doc: Document; at: (offset: number) => string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => ({ where: at(e.pos[0]), path: '', message: `not valid YAML: ${e.message.split('\n')[0]}` })));
  }
  return { doc, at };
}
