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
// `vitest run` runs all three, two files at a time: on the 2-core CI
// machine the end-to-end files spend much of their time waiting on the
// processes they spawn, and two at a time took the suite from 11.4 to 9.5
// minutes (validation files, each with 2 worker threads, then share the cores).
export default defineConfig({
  test: {
    maxWorkers: 2,
    // A hang guard, not a speed check: a validation test of 10 s on an idle
    // machine took over 60 s on a shared one (load 17) and failed for it.
    testTimeout: 180_000,
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
