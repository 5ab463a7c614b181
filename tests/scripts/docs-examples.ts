/**
 * `npm run docs:examples`: rewrites every marked block of README.md from the
 * tool itself (commands run with the built CLI, embedded files read from
 * disk, tables built from the registries); see readme-examples.ts for the
 * markers. Run it after a change that alters what the tool prints, then
 * read the diff: tests/docs/readme.test.ts fails until the README agrees.
 * Nothing is written if any example fails or exits with another code than
 * its marker says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkspace, findMarkedBlocks, findQuotingParagraphs, mask, projectRoot, renderBlock, replaceBlocks, staleFigures } from './readme-examples.js';

async function main(): Promise<void> {
  const root = projectRoot();
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const blocks = findMarkedBlocks(readme);
  const workspace = createWorkspace(root);
  const texts: string[] = [];
  try {
    for (const block of blocks) {
      const started = performance.now();
      const fresh = await renderBlock(block, workspace, root);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      // Only the machine's speed changed: keep the README as it is rather than churn its figures.
      const text = mask(fresh) === mask(block.text) ? block.text : fresh;
      const status = text === block.text ? 'unchanged' : 'updated';
      console.log(`${status.padEnd(9)} ${seconds.padStart(5)} s  README.md:${block.markerLine + 1} ${block.kind}: ${block.argument}`);
      texts.push(text);
    }
  } finally {
    workspace.dispose();
  }
  const updated = replaceBlocks(readme, blocks, texts);
  if (updated === readme) {
    console.log(`README.md is up to date (${blocks.length} marked blocks)`);
  } else {
    writeFileSync(readmePath, updated);
    console.log(`README.md rewritten (${blocks.length} marked blocks): review the diff`);
  }
  // Prose that comments on an output is not rewritten: say where it now quotes figures the tool no longer prints.
  for (const paragraph of findQuotingParagraphs(updated)) {
    const stale = staleFigures(paragraph.text, paragraph.example.text);
    if (stale.length > 0) {
      console.error(`README.md:${paragraph.markerLine + 2}: quotes ${stale.join(', ')}, not in the output of "${paragraph.example.argument}": rewrite it`);
      process.exitCode = 1;
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
