/**
 * The one list of routing policies and agent-selection rules: the schema,
 * the model's policy table, the CLI's help and the README all read it.
 */

/** Routing policies by scenario name, each with the one line a user reads. */
export const ROUTING_POLICIES = {
  fifo: 'one shared queue: an agent with a free slot takes the oldest waiting conversation it may take, whatever its tier',
  priority: 'the most urgent tier first (non-preemptive), oldest first within a tier',
  deadline: "the earliest SLA deadline (arrival + the tier's firstResponse) first, so a low tier close to breach goes before a fresh urgent one",
  dedicated: 'teams take only the work they are dedicated to (team key dedicated); undedicated teams take what no dedicated team takes; most urgent tier first within a team',
} as const;

/** Names of the routing policies. */
export type RoutingPolicyName = keyof typeof ROUTING_POLICIES;

/** The routing policy names, in the order they are documented. */
export const ROUTING_POLICY_NAMES = Object.keys(ROUTING_POLICIES) as RoutingPolicyName[];

/** How the agent who takes a new conversation is chosen among those free. */
export const AGENT_SELECTIONS = {
  leastBusy: 'the agent with the fewest open conversations, ties to an agent not writing, then the one idle longest',
  longestIdle: 'the agent idle longest (not writing first), ties to the fewest open conversations',
} as const;

/** Names of the agent-selection rules. */
export type AgentSelectionName = keyof typeof AGENT_SELECTIONS;

/** The agent-selection names, in the order they are documented. */
export const AGENT_SELECTION_NAMES = Object.keys(AGENT_SELECTIONS) as AgentSelectionName[];
