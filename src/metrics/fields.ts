/**
 * The accumulators' row layouts: what each slot of a scope's row and of a
 * team's row counts. Shared by the recorder that writes them and the
 * summaries that read them.
 */

/** Per-scope counters and sums (indexes into a scope's row). */
export const Field = {
  arrivals: 0,
  answered: 1,
  abandoned: 2,
  /** Still waiting for pickup when the run ended. */
  unanswered: 3,
  /** Sum of waits of answered conversations. */
  waitSum: 4,
  /** Sum of waits of answered conversations plus times to abandon. */
  waitAllSum: 5,
  firstReplies: 6,
  firstResponseSum: 7,
  nextReplies: 8,
  nextResponseSum: 9,
  /** First reply sent within the tier's target. */
  slaHits: 10,
  /** Picked up within the tier's target. */
  pickupHits: 11,
  /** Time integral of the number waiting over the measurement window. */
  backlogArea: 12,
  negativeArrivals: 13,
  /** Agent time spent writing replies to this scope's conversations, inside the window. */
  writingTime: 14,
  /** Solved by self-service (community, bot) before an agent picked them up. */
  deflected: 15,
  /** Triaged into another tier than their true tags would have given. */
  misrouted: 16,
  /** Conversations that are a customer's follow-up post. */
  followUps: 17,
  /** Settled together with a linked conversation an agent picked up. */
  merged: 18,
  /** Received an automatic welcome message. */
  welcomed: 19,
  /** First reply sent within the scenario's `answeredWithin` threshold (any tier). */
  answeredWithin: 20,
  /** Sentiment transitions: conversations starting s and ending e count at transitions + 3s + e. */
  transitions: 21,
  /** Closed after an agent answered: a survey is sent. */
  surveyed: 30,
  /** Survey answers received. */
  responses: 31,
  /** Survey answers that were "satisfied". */
  satisfied: 32,
  /** Next replies in a tier with a nextResponse target (the denominator of nextResponseAttainment). */
  nextRepliesTargeted: 33,
  /** Of those, posted within the tier's nextResponse target. */
  nextResponseHits: 34,
} as const;
export const FIELD_COUNT = 35;

/** Per-team sums (indexes into a team's row). */
export const TeamField = {
  /** Agent time spent writing replies, inside the measurement window. */
  writingTime: 0,
  /** Agent time on shift, inside the measurement window. */
  onShiftTime: 1,
  /** Measured conversations the team picked up (including linked ones it settled). */
  handled: 2,
  /** Time integral of the conversations the team's agents hold open, inside the measurement window. */
  openTime: 3,
  /** Agent time past shift end (off the roster, finishing open conversations), inside the measurement window. */
  overrunTime: 4,
} as const;
export const TEAM_FIELD_COUNT = 5;

/** Per-team agent time by availability (indexes into a team's row of `ReplicationResult.availability`). */
export const AvailabilityField = {
  /** Agent time on the roster (the scheduled headcount, not agents finishing after it), inside the measurement window. */
  rosteredTime: 0,
  /** Rostered agent time away (shrinkage: breaks, training, absence), inside the measurement window. */
  awayTime: 1,
} as const;
export const AVAILABILITY_FIELD_COUNT = 2;
