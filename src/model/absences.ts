import { createStream, KeyedUniform } from '../core/rng.js';
import type { Engine } from '../core/engine.js';
import { Away, type AgentPool } from './agents.js';
import type { Model } from './context.js';
import { EventKind } from './events.js';

/**
 * Shrinkage as time away: while rostered, each agent of a team with
 * `shrinkage` s alternates time at work and absences (breaks, training,
 * absence), both exponential: absences of mean `shrinkageBlock` B, time at
 * work of mean B(1 - s)/s, so that the long-run share of rostered time away
 * is s. An agent comes on the roster already away with probability s (the
 * alternation is in its steady state from the start, so even short shifts
 * lose s of their time on average).
 *
 * An absence falls due on a rota: the agent stops taking new conversations,
 * finishes the reply being written (if any), then is away for the
 * absence's full length, writing nothing; its open conversations wait, and
 * customers' messages queue for its return. Finishing a reply delays the
 * absence but not the rota: the next one falls due a time at work after
 * this one was due plus its length, so the share away stays s. An agent
 * leaving the roster ends any absence and finishes its open conversations.
 *
 * Draws come from the replication's own `absences` stream, keyed by agent
 * and by the agent's count of draws: a scenario without shrinkage draws
 * nothing, and an agent's absences do not depend on what the others do.
 *
 * Events: `absenceDue` ({@link onDue}), `absenceEnd` ({@link onEnd}).
 */
export class Absences {
  private readonly engine: Engine;
  private readonly agents: AgentPool;
  /** Per team: share of rostered time away (0: no absences), mean absence, mean time at work between absences. */
  private readonly share: Float64Array;
  private readonly meanAway: Float64Array;
  private readonly meanAtWork: Float64Array;
  /** Per agent: generation of its absences (a newer one makes pending events stale). */
  private readonly gen: Int32Array;
  /** Per agent: draws taken so far (the index of the next keyed draw). */
  private readonly draws: Int32Array;
  /** Per agent: when its current or next absence falls due by the rota, and that absence's length. */
  private readonly due: Float64Array;
  private readonly length: Float64Array;
  private readonly draw = new KeyedUniform();
  private readonly keyA: number = 0;
  private readonly keyB: number = 0;

  constructor(private readonly m: Model, replication: number) {
    this.engine = m.engine;
    this.agents = m.agents;
    const teams = m.scenario.teams;
    this.share = Float64Array.from(teams.map((t) => t.shrinkage));
    this.meanAway = Float64Array.from(teams.map((t) => t.shrinkageBlock));
    this.meanAtWork = Float64Array.from(teams.map((t) => (t.shrinkage > 0 ? (t.shrinkageBlock * (1 - t.shrinkage)) / t.shrinkage : 0)));
    const n = m.agents.size;
    this.gen = new Int32Array(n);
    this.draws = new Int32Array(n);
    this.due = new Float64Array(n);
    this.length = new Float64Array(n);
    if (teams.some((t) => t.shrinkage > 0)) {
      const stream = createStream(m.scenario.seed, replication, 'absences');
      this.keyA = stream.nextUint32();
      this.keyB = stream.nextUint32();
    }
  }

  /** Agent `agent` came on the roster: its alternation of work and absences starts (none without shrinkage). */
  onRostered(agent: number): void {
    const team = this.agents.team[agent];
    const s = this.share[team];
    if (s === 0) return;
    const now = this.engine.now;
    const gen = ++this.gen[agent];
    const u = this.next(agent);
    this.length[agent] = -this.meanAway[team] * Math.log(u.next());
    if (u.next() < s) {
      // Away from the start: the caller settles the agent, who goes as soon as not writing.
      this.due[agent] = now;
      this.agents.away[agent] = Away.due;
    } else {
      this.due[agent] = now - this.meanAtWork[team] * Math.log(u.next());
      this.m.events.absenceAt(this.due[agent], EventKind.absenceDue, agent, gen);
    }
  }

  /** Agent `agent` left the roster: any absence ends (the caller settles it to finish its conversations). */
  onUnrostered(agent: number): void {
    const team = this.agents.team[agent];
    if (this.share[team] === 0) return;
    this.gen[agent]++;
    if (this.agents.away[agent] === Away.away) this.m.recorder.awayChanged(this.engine.now, team, -1);
    this.agents.away[agent] = Away.no;
  }

  /** An absence of `agent` falls due: nothing new from now; it starts once the agent is not writing. */
  onDue(agent: number, gen: number): void {
    if (gen !== this.gen[agent]) return;
    this.agents.away[agent] = Away.due;
    this.m.assignment.settle(agent);
  }

  /** The agent, whose absence was due, stopped writing: the absence starts now (called by settle). */
  begin(agent: number): void {
    const now = this.engine.now;
    this.agents.away[agent] = Away.away;
    this.m.recorder.awayChanged(now, this.agents.team[agent], 1);
    this.m.events.absenceAt(now + this.length[agent], EventKind.absenceEnd, agent, this.gen[agent]);
  }

  /** An absence of `agent` is over: the next falls due by the rota, and the agent is back at work until then. */
  onEnd(agent: number, gen: number): void {
    if (gen !== this.gen[agent]) return;
    const ag = this.agents;
    const team = ag.team[agent];
    const now = this.engine.now;
    const u = this.next(agent);
    const nextDue = this.due[agent] + this.length[agent] - this.meanAtWork[team] * Math.log(u.next());
    this.due[agent] = nextDue;
    this.length[agent] = -this.meanAway[team] * Math.log(u.next());
    if (nextDue <= now) {
      // Behind the rota (a late start): the next absence follows at once.
      this.m.events.absenceAt(now + this.length[agent], EventKind.absenceEnd, agent, gen);
      return;
    }
    ag.away[agent] = Away.no;
    ag.idleSince[agent] = now;
    this.m.recorder.awayChanged(now, team, -1);
    this.m.events.absenceAt(nextDue, EventKind.absenceDue, agent, gen);
    this.m.assignment.settle(agent);
  }

  /** The agent's next keyed draws. */
  private next(agent: number): KeyedUniform {
    return this.draw.select(this.keyA, (this.keyB + agent) >>> 0, 0, this.draws[agent]++);
  }
}
