import type { Engine } from '../core/engine.js';
import type { Absences } from './absences.js';
import type { KeyedUniform } from '../core/rng.js';
import type { Recorder } from '../metrics/recorder.js';
import type { Scenario } from '../scenario/types.js';
import type { AgentPool } from './agents.js';
import type { Arrivals } from './arrivals.js';
import type { Assignment } from './assignment.js';
import type { ChannelRuntime } from './channels.js';
import type { ClassTable } from '../scenario/classes.js';
import type { ConversationStore } from './conversations.js';
import type { Endings } from './endings.js';
import type { ModelEvents } from './events.js';
import type { ClassQueues } from './queues.js';
import type { Replies } from './replies.js';
import type { Roster } from './roster.js';
import type { Waiting } from './waiting.js';

/**
 * What the parts of one replication share: its state (clock, conversations,
 * agents, queues, accumulators) and each other. Each part handles the
 * events of one concern and calls the others by name; the
 * {@link Simulation} builds them all and dispatches the events.
 */
export interface Model {
  readonly scenario: Scenario;
  /** The clock and event heap (schedule through `events`). */
  readonly engine: Engine;
  readonly events: ModelEvents;
  readonly conv: ConversationStore;
  readonly agents: AgentPool;
  readonly recorder: Recorder;
  readonly queues: ClassQueues;
  readonly classes: ClassTable;
  readonly channels: readonly ChannelRuntime[];
  /** Per-conversation keyed draws (common random numbers across variants). */
  readonly draw: KeyedUniform;
  readonly roster: Roster;
  readonly arrivals: Arrivals;
  readonly waiting: Waiting;
  readonly assignment: Assignment;
  readonly replies: Replies;
  readonly endings: Endings;
  readonly absences: Absences;
}
