import { samplerOf, type Sampler } from '../core/distributions.js';
import { createStream, type Stream } from '../core/rng.js';
import type { Scenario } from '../scenario/types.js';
import { ChannelLoad } from './load-curve.js';

/** A channel's load curve, random streams and samplers, built once per replication. */
export interface ChannelRuntime {
  load: ChannelLoad;
  /** Arrival times (thinning). */
  arrivals: Stream;
  /** Each new conversation's random key. */
  keys: Stream;
  handleTime: Sampler;
  turns: Sampler;
  replyDelay: Sampler | null;
  patience: Sampler | null;
  /** A customer silent longer than this closes the conversation (Infinity: never). */
  idleTimeout: number;
}

/** The runtimes of every channel of a scenario, for replication `replication`. */
export function channelRuntimes(scenario: Scenario, replication: number): ChannelRuntime[] {
  const sc = scenario;
  return sc.channels.map((c, i) => ({
    load: new ChannelLoad(c, i, sc.surges, sc.startsAt, sc.calendar?.weekday),
    arrivals: createStream(sc.seed, replication, `arrivals/${c.name}`),
    keys: createStream(sc.seed, replication, `conversations/${c.name}`),
    handleTime: samplerOf(c.handleTime),
    turns: samplerOf(c.turns),
    replyDelay: c.customerReplyDelay ? samplerOf(c.customerReplyDelay) : null,
    patience: c.patience ? samplerOf(c.patience) : null,
    idleTimeout: c.idleTimeout ?? Infinity,
  }));
}
