/**
 * careload's library API: load a scenario, run its replications, summarise
 * them. The CLI is a thin shell over these functions.
 */
export { Engine, type EventHandler } from './core/engine.js';
export { createStream, KeyedUniform, type Stream, type Uniform } from './core/rng.js';
export { samplerOf, type CountSpec, type DistSpec, type Sampler } from './core/distributions.js';
export { Simulation, simulateReplication } from './model/simulation.js';
export type { ReplicationResult } from './metrics/recorder.js';
export { summarize, type Estimate, type Summary, type ScopeSummary } from './metrics/summary.js';
export { meanCI, pairedDifferenceCI, studentTQuantile } from './metrics/ci.js';
export { loadScenario, parseScenario, ScenarioError, formatProblem, type ScenarioProblem } from './scenario/load.js';
export { scenarioHash } from './scenario/hash.js';
export type { Scenario } from './scenario/types.js';
export { ROUTING_POLICIES, ROUTING_POLICY_NAMES, AGENT_SELECTIONS, AGENT_SELECTION_NAMES, type RoutingPolicyName, type AgentSelectionName } from './scenario/policies.js';
export { runReplications, defaultWorkers, type ReplicateOptions } from './runner/replicate.js';
export { summaryDocument, toJson, SCHEMA_VERSION, type SummaryDocument } from './report/json.js';
export { formatSeconds, formatShare, table } from './report/text.js';
export { writeFileAtomic } from './report/write.js';
export * as erlang from './theory/erlang.js';
