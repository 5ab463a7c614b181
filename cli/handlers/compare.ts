import { basename, extname, join } from 'node:path';
import {
  compareDocument,
  compareRuns,
  compareTextReport,
  defaultWorkers,
  loadScenario,
  ROUTING_POLICY_NAMES,
  runReplications,
  toJson,
  writeFileAtomic,
  type Scenario,
  type VariantRun,
} from '../../src/index.js';
import type { CompareArgs } from '../commands/compare.js';
import { UsageError } from '../exit-codes.js';
import { assertRunFits, scenarioFromArgs, wholeFlag, workersFlag } from '../options.js';
import { progressReporter } from '../progress.js';
import { terminal } from '../terminal.js';
import { runLive } from '../ui/live.js';

const POLICIES = ROUTING_POLICY_NAMES;

/** The variants to run: one per --policy, then one per --variant; the base first when fewer than two. */
function variantsFrom(args: CompareArgs): { label: string; load: () => Scenario }[] {
  for (const p of args.policy) {
    if (!(POLICIES as readonly string[]).includes(p)) throw new UsageError(`--policy: expected one of ${POLICIES.join(', ')}, got ${JSON.stringify(p)}`);
  }
  const list = [
    ...args.policy.map((p) => ({ label: p, load: () => loadScenario(args.scenario, { set: [...args.set, `routing.policy=${p}`], overlays: args.overlay }) })),
    ...args.variant.map((file) => ({ label: basename(file, extname(file)), load: () => loadScenario(args.scenario, { set: args.set, overlays: [...args.overlay, file] }) })),
  ];
  if (list.length === 0) throw new UsageError('name what to compare: --policy NAME and/or --variant overlay.yaml (at least one)');
  if (list.length < 2) list.unshift({ label: 'baseline', load: () => scenarioFromArgs(args) });
  // Labels name columns and JSON entries: keep them distinct.
  const seen = new Map<string, number>();
  for (const v of list) {
    const n = (seen.get(v.label) ?? 0) + 1;
    seen.set(v.label, n);
    if (n > 1) v.label = `${v.label}-${n}`;
  }
  return list;
}

/** Runs every variant on the same seed and replications and reports their paired differences. */
export async function handler(args: CompareArgs): Promise<void> {
  const seed = wholeFlag('seed', args.seed, 0);
  const replications = wholeFlag('replications', args.replications, 2);
  const workers = workersFlag(args.workers);
  // Load (and so validate) every variant before running any.
  const variants = variantsFrom(args).map((v) => {
    const s = v.load();
    return { label: v.label, scenario: { ...s, seed: seed ?? s.seed, replications: replications ?? s.replications } };
  });
  const reps = variants[0].scenario.replications;
  if (reps < 2) throw new UsageError('compare needs at least 2 replications for paired intervals (set --replications)');
  const base = variants[0].scenario;
  // Each variant is a run of its own: each must fit the work limits.
  for (const v of variants) assertRunFits({ ...v.scenario, seed: base.seed, replications: reps }, args);
  const runs: VariantRun[] = [];
  const term = terminal(args);
  for (const [i, v] of variants.entries()) {
    const scenario = { ...v.scenario, seed: base.seed, replications: reps };
    const label = `variant ${i + 1}/${variants.length} (${v.label})`;
    if (term.live) {
      // The live view of each variant in turn; q stops the whole comparison (pairs need every variant).
      const { results, partial } = await runLive(scenario, workers ?? defaultWorkers(reps), term.color, label);
      if (partial) {
        process.stderr.write(`careload: compare stopped during ${label}; nothing written\n`);
        return;
      }
      runs.push({ label: v.label, scenario, results });
      continue;
    }
    const progress = progressReporter(!args.quiet);
    const results = await runReplications(scenario, { workers, onProgress: (done, total) => progress(done, total, ` for ${label}`) });
    runs.push({ label: v.label, scenario, results });
  }
  const comparison = compareRuns(runs);
  const json = toJson(compareDocument(base, comparison));
  const outDir = args.out ?? join('results', base.name);
  writeFileAtomic(join(outDir, 'compare.json'), json);
  if (args.format === 'json') {
    process.stdout.write(json);
  } else {
    process.stdout.write(compareTextReport(`careload compare: ${base.name} (seed ${base.seed}, ${reps} replications per variant)`, comparison));
    process.stdout.write(`\nwrote ${join(outDir, 'compare.json')}\n`);
  }
}
