import type { Engine } from '../core/engine.js';
import type { Recorder } from '../metrics/recorder.js';
import type { Scenario } from '../scenario/types.js';
import { AgentStatus, type AgentPool } from './agents.js';
import { EventKind, type ModelEvents } from './events.js';
import { surgeEnd } from '../scenario/surges.js';
import { stepInForce, untilNextStep } from '../scenario/staffing.js';
import type { Absences } from './absences.js';

/**
 * Who is on the roster: each team's scheduled headcount (constant, daily
 * steps or dated steps) and, for reserve teams, whether they are activated. A reserve team
 * has its scheduled headcount while at least one reason holds (a surge
 * window, a backlog above its level), and nobody otherwise.
 *
 * Agents leaving the roster keep working until their open conversations
 * close (the recorder counts that time as overrun); agents joining are taken
 * first from those still finishing. Who leaves is fixed by the agents'
 * order in the team, not by how busy they are: the on-roster agents with
 * the highest numbers leave first, and joiners are taken lowest number
 * first. After any change the simulation's `settle` brings each affected
 * agent up to date.
 */
export class Roster {
  private readonly scheduled: Int32Array;
  private readonly reasons: Int32Array;
  private readonly backlogActive: Uint8Array;
  /** Generation of each team's pending backlog stand-down (a newer one cancels it). */
  private readonly standDownGen: Int32Array;
  private readonly standDownPending: Uint8Array;
  private readonly backlogTeams: number[];

  constructor(
    private readonly scenario: Scenario,
    private readonly engine: Engine,
    private readonly agents: AgentPool,
    private readonly recorder: Recorder,
    private readonly teamFirst: Int32Array,
    private readonly teamSize: Int32Array,
    private readonly events: ModelEvents,
    private readonly settle: (agent: number) => void,
    private readonly absences: Absences | null = null,
  ) {
    const n = scenario.teams.length;
    this.scheduled = new Int32Array(n);
    this.reasons = new Int32Array(n);
    this.backlogActive = new Uint8Array(n);
    this.standDownGen = new Int32Array(n);
    this.standDownPending = new Uint8Array(n);
    this.backlogTeams = scenario.teams.flatMap((t, k) => (t.activation?.whenBacklog != null ? [k] : []));
  }

  /** True when some team reacts to the backlog (the simulation then reports every change). */
  get watchesBacklog(): boolean {
    return this.backlogTeams.length > 0;
  }

  /** Puts the initial roster in place and schedules its changes. */
  start(): void {
    const sc = this.scenario;
    sc.teams.forEach((spec, k) => {
      if (spec.schedule !== null) {
        const step = stepInForce(spec.schedule, sc.startsAt);
        this.scheduled[k] = spec.schedule[step].agents;
        this.scheduleNextStep(k, step, sc.startsAt);
      } else if (spec.datedSchedule !== null) {
        // The first dated step is at t = 0 (a rule makes sure); the others come at their own times.
        this.scheduled[k] = spec.datedSchedule[0].agents;
        this.scheduleNextDatedStep(k, 0);
      } else {
        this.scheduled[k] = spec.agents;
      }
      const a = spec.activation;
      if (a?.after != null) {
        sc.surges.forEach((s, i) => {
          if (a.surge !== null && a.surge !== i) return;
          const from = s.start + a.after!;
          const to = surgeEnd(s) + a.standDown;
          // A window that closes before it opens (a long `after`, a short surge) brings nobody in.
          if (from >= to) return;
          this.events.rosterAt(from, EventKind.activation, k, 1);
          this.events.rosterAt(to, EventKind.activation, k, -1);
        });
      }
      this.apply(k);
    });
  }

  /** A schedule step (daily or dated) of `team` takes effect. */
  onShift(team: number, step: number): void {
    const spec = this.scenario.teams[team];
    if (spec.datedSchedule !== null) {
      this.scheduled[team] = spec.datedSchedule[step].agents;
      this.apply(team);
      this.scheduleNextDatedStep(team, step);
      return;
    }
    const steps = spec.schedule!;
    this.scheduled[team] = steps[step].agents;
    this.apply(team);
    this.scheduleNextStep(team, step, steps[step].at);
  }

  /** A surge window of a reserve team opens (+1) or closes (-1). */
  onActivation(team: number, delta: number): void {
    this.reasons[team] += delta;
    this.apply(team);
  }

  /** A pending backlog stand-down falls due. */
  onStandDown(team: number, gen: number): void {
    if (gen !== this.standDownGen[team] || !this.standDownPending[team]) return;
    this.standDownPending[team] = 0;
    this.backlogActive[team] = 0;
    this.reasons[team]--;
    this.apply(team);
  }

  /** The total number waiting changed: reserve teams with a backlog level react. */
  onBacklog(waiting: number): void {
    for (const k of this.backlogTeams) {
      const a = this.scenario.teams[k].activation!;
      if (waiting > a.whenBacklog!) {
        if (this.standDownPending[k]) {
          this.standDownPending[k] = 0;
          this.standDownGen[k]++;
        }
        if (!this.backlogActive[k]) {
          this.backlogActive[k] = 1;
          this.reasons[k]++;
          this.apply(k);
        }
      } else if (this.backlogActive[k] && !this.standDownPending[k]) {
        this.standDownPending[k] = 1;
        this.events.rosterIn(a.standDown, EventKind.standDown, k, ++this.standDownGen[k]);
      }
    }
  }

  private scheduleNextStep(team: number, step: number, timeOfDay: number): void {
    const steps = this.scenario.teams[team].schedule!;
    const next = (step + 1) % steps.length;
    this.events.rosterIn(untilNextStep(steps, step, timeOfDay), EventKind.shift, team, next);
  }

  /** A dated schedule does not repeat: after its last step, nothing more. */
  private scheduleNextDatedStep(team: number, step: number): void {
    const steps = this.scenario.teams[team].datedSchedule!;
    if (step + 1 < steps.length) this.events.rosterAt(steps[step + 1].at, EventKind.shift, team, step + 1);
  }

  /** Brings the team's on-roster agents to its current target headcount. */
  private apply(team: number): void {
    const spec = this.scenario.teams[team];
    const target = spec.activation === null || this.reasons[team] > 0 ? this.scheduled[team] : 0;
    const ag = this.agents;
    const first = this.teamFirst[team];
    const end = first + this.teamSize[team];
    let on = 0;
    for (let i = first; i < end; i++) if (ag.status[i] === AgentStatus.on) on++;
    if (on === target) return;
    const now = this.engine.now;
    const changed: number[] = [];
    for (const wanted of [AgentStatus.leaving, AgentStatus.off]) {
      for (let i = first; i < end && on < target; i++) {
        if (ag.status[i] !== wanted) continue;
        if (wanted === AgentStatus.off) {
          ag.idleSince[i] = now;
          this.recorder.onShiftChanged(now, team, 1);
        } else {
          this.recorder.overrunChanged(now, team, -1);
        }
        ag.status[i] = AgentStatus.on;
        this.recorder.rosteredChanged(now, team, 1);
        this.absences?.onRostered(i);
        on++;
        changed.push(i);
      }
    }
    for (let i = end - 1; i >= first && on > target; i--) {
      if (ag.status[i] !== AgentStatus.on) continue;
      ag.status[i] = AgentStatus.leaving;
      this.recorder.rosteredChanged(now, team, -1);
      this.absences?.onUnrostered(i);
      this.recorder.overrunChanged(now, team, 1);
      on--;
      changed.push(i);
    }
    for (const i of changed) this.settle(i);
  }
}
