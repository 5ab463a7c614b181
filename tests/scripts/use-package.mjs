// A user's script: imports careload by its package name, as an installed
// dependency would be (inside this project Node resolves the name to the
// package itself, through package.json "exports"), runs a small scenario
// on two worker threads and prints what it got as one JSON line.
//   node tests/scripts/use-package.mjs scenarios/mmc-validation.yaml
import { erlang, loadScenario, runReplications, summarize, summaryDocument } from 'careload';

const file = process.argv[2];
const scenario = loadScenario(file, { set: ['horizon=30h', 'replications=2'] });
const results = await runReplications(scenario, { workers: 2 });
const doc = summaryDocument(scenario, summarize(scenario, results));
process.stdout.write(`${JSON.stringify({
  resolved: import.meta.resolve('careload'),
  replications: results.length,
  name: doc.scenario.name,
  slaAttainment: doc.overall.slaAttainment.mean,
  erlangC: erlang.erlangC(14, 10),
})}\n`);
