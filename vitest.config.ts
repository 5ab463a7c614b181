import { configDefaults, defineConfig } from 'vitest/config';

const TESTS = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];
const VALIDATION = 'tests/validation/**';
const E2E = 'tests/e2e/**';
const LONG = 'tests/long/**';

// `long` (the case studies checked on seeds 1..5 with the built CLI: a
// quarter of an hour or more) exists only when asked for by name,
// `vitest run --project long` (`npm run test:long`), so that `vitest run`
// and CI, near their time limit, leave it out.
const argv = process.argv;
const LONG_ASKED = argv.some((a, i) => a === '--project=long' || (a === '--project' && argv[i + 1] === 'long'));
const longProject = { extends: true, test: { name: 'long', include: [`${LONG}/*.test.ts`] } };

// Three projects, so the edit-run loop need not wait for the long tests:
// `unit` (every test file outside the two folders below: seconds),
// `validation` (the simulator against queueing theory and the case studies:
// minutes) and `e2e` (the built CLI, so `npm run build` first).
// `vitest run` runs all three. Vitest runs one file at a time on a 2-core
// machine (its default is cores - 1), which suits the validation files (each
// runs 2 worker threads itself); `npm run test:unit` asks for 2 at a time.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TESTS,
          exclude: [...configDefaults.exclude, VALIDATION, E2E, LONG],
          // These files share no mutable module state (no mocks, no module-level
          // caches, no process.env edits), so they may share a module registry:
          // about half the CPU time of a fresh one per file.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'validation', include: [`${VALIDATION}/*.test.ts`] } },
      { extends: true, test: { name: 'e2e', include: [`${E2E}/*.test.ts`] } },
      ...(LONG_ASKED ? [longProject] : []),
    ],
  },
});
