/** The columns a trace may have; every one but `timestamp` (and `channel` in a scenario-level trace) is optional. */
export const TRACE_COLUMNS = ['timestamp', 'channel', 'id', 'sentiment', 'topic', 'brand', 'tier', 'handleTime', 'turns', 'patience'] as const;

/** A trace column's name. */
export type TraceColumn = (typeof TRACE_COLUMNS)[number];

/** What each column holds, for messages and the README. */
export const TRACE_COLUMN_HELP: Record<TraceColumn, string> = {
  timestamp: 'seconds from t = 0 such as 5400.5, or an ISO 8601 date-time with offset such as 2026-03-02T09:30:00+01:00 (then `startsAt` must carry a date: t = 0 is that instant)',
  channel: 'a channel the scenario declares',
  id: "the conversation's identity: keys its random streams",
  sentiment: 'negative, neutral or positive',
  topic: 'a topic the scenario declares',
  brand: 'a brand the scenario declares',
  tier: 'a tier the scenario declares (sets the tier: triage is not applied)',
  handleTime: 'agent work per reply: seconds or a duration such as 4m; a list such as 300;120 gives one per reply',
  turns: 'agent replies the conversation needs, a whole number >= 1',
  patience: 'how long the customer waits for pickup before leaving: seconds or a duration',
};
