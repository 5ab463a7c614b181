import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatSimulatedClock, parseDayAndTime, simulatedTimeOf } from '../../src/format/time.js';
import { datedSchedule, parseScenario, rosterSteps, scheduledHeadcountAt, ScenarioError } from '../../src/index.js';
import { AgentStatus } from '../../src/model/agents.js';
import { Simulation } from '../../src/model/simulation.js';
import type { Scenario } from '../../src/scenario/types.js';

const H = 3600;
const D = 86400;
const FILE = 'dated.yaml';

/** A scenario whose team `desk` has the given keys (and a second, constant team `base`). */
function withDesk(desk: string, top = ''): string {
  return `horizon: 3d
drain: 1d
${top}channels:
  chat: { rate: 20/h, handleTime: { dist: exponential, mean: 6m } }
teams:
  base: { agents: 1 }
  desk:
${desk}`;
}

const load = (text: string): Scenario => parseScenario(text, FILE);

function problems(text: string): { where: string; path: string; message: string }[] {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

const DATED = withDesk(
  '    schedule: [{ at: "d1 08:00", agents: 6 }, { at: "d2 08:00", agents: 12 }, { at: "d2 20:00", agents: 6 }, { at: "d3 20:00", agents: 0 }]\n',
  'startsAt: "08:00"\n',
);

describe('`dN HH:MM` times', () => {
  it('read day N of the run (d1 holds t = 0) at a time of day, and format back', () => {
    expect(parseDayAndTime('d1 00:00')).toEqual({ day: 1, time: 0 });
    expect(parseDayAndTime(' d12 23:59 ')).toEqual({ day: 12, time: 23 * H + 59 * 60 });
    for (const bad of ['d0 08:00', 'd1 24:00', 'd1 08:60', '08:00', 'd1', 'day1 08:00', 'd-1 08:00', 'd1 8']) expect(parseDayAndTime(bad), bad).toBeNull();
    // With the clock at 08:00 at t = 0, d2 08:00 is a day in; formatting gives the same text back.
    const at = simulatedTimeOf({ day: 2, time: 8 * H }, 8 * H);
    expect(at).toBe(D);
    expect(formatSimulatedClock(at, 8 * H)).toBe('d2 08:00');
    for (const startsAt of [0, 6 * H + 30 * 60, 23 * H]) {
      for (const text of ['d1 23:00', 'd2 00:00', 'd3 17:45']) {
        const t = simulatedTimeOf(parseDayAndTime(text)!, startsAt);
        if (t >= 0) expect(formatSimulatedClock(t, startsAt)).toBe(text);
      }
    }
  });
});

describe('a dated schedule', () => {
  it('resolves to steps in simulated time, by startsAt, and leaves the daily schedule empty', () => {
    const desk = load(DATED).teams[1];
    expect(desk.schedule).toBeNull();
    expect(desk.datedSchedule).toEqual([
      { at: 0, agents: 6 },
      { at: D, agents: 12 },
      { at: D + 12 * H, agents: 6 },
      { at: 2 * D + 12 * H, agents: 0 },
    ]);
  });

  it('does not repeat: the headcount at each time is the last step at or before it, through the drain', () => {
    const sc = load(DATED);
    const at = (t: number) => scheduledHeadcountAt(sc, 1, t);
    expect([at(0), at(D - 1), at(D), at(D + 12 * H - 1), at(D + 12 * H), at(2 * D + 12 * H), at(4 * D - 1)]).toEqual([6, 6, 12, 12, 6, 0, 0]);
    // Unlike a daily schedule, day 3 at 08:00 brings nobody back.
    expect(at(2 * D + H)).toBe(6);
    expect(at(3 * D)).toBe(0);
  });

  it('unrolls a daily schedule over the run the same way (repeating), and a constant headcount as one step', () => {
    const sc = load(withDesk('    schedule: [{ at: "08:00", agents: 5 }, { at: "20:00", agents: 2 }]\n'));
    expect(rosterSteps(sc, 1)).toEqual([
      { at: 0, agents: 2 },
      { at: 8 * H, agents: 5 },
      { at: 20 * H, agents: 2 },
      { at: D + 8 * H, agents: 5 },
      { at: D + 20 * H, agents: 2 },
      { at: 2 * D + 8 * H, agents: 5 },
      { at: 2 * D + 20 * H, agents: 2 },
      { at: 3 * D + 8 * H, agents: 5 },
      { at: 3 * D + 20 * H, agents: 2 },
    ]);
    expect(rosterSteps(sc, 0)).toEqual([{ at: 0, agents: 1 }]);
  });

  it('is what the simulation rosters: agents on the roster equal the scheduled headcount after every event', () => {
    for (const text of [DATED, withDesk('    schedule: [{ at: "08:00", agents: 5 }, { at: "20:00", agents: 2 }]\n', 'startsAt: "06:30"\n')]) {
      const sc = load(text);
      const sim = new Simulation(sc, 0);
      const seen = new Set<number>();
      sim.run((s) => {
        let on = 0;
        for (let a = 0; a < s.agents.size; a++) if (s.agents.team[a] === 1 && s.agents.status[a] === AgentStatus.on) on++;
        const want = scheduledHeadcountAt(sc, 1, s.engine.now);
        if (on !== want) throw new Error(`t=${s.engine.now}: ${on} on the roster, schedule says ${want}`);
        seen.add(want);
      });
      // The run went through every headcount of the schedule.
      expect([...seen].sort((a, b) => a - b)).toEqual([...new Set(rosterSteps(sc, 1).map((s) => s.agents))].sort((a, b) => a - b));
    }
  });

  it('keeps reserve activation working on top: nobody until activated, then the dated headcount', () => {
    const sc = load(`horizon: 2d
drain: 6h
channels:
  chat: { rate: 20/h, handleTime: { dist: exponential, mean: 6m } }
surges:
  - { start: 30h, duration: 4h, volume: 2 }
teams:
  base: { agents: 3 }
  crisis:
    schedule: [{ at: "d1 00:00", agents: 2 }, { at: "d2 08:00", agents: 5 }]
    activation: { after: 1h, standDown: 1h }
`);
    const sim = new Simulation(sc, 0);
    const byTime: [number, number][] = [];
    sim.run((s) => {
      let on = 0;
      for (let a = 0; a < s.agents.size; a++) if (s.agents.team[a] === 1 && s.agents.status[a] === AgentStatus.on) on++;
      byTime.push([s.engine.now, on]);
    });
    for (const [t, on] of byTime) {
      if (t < 31 * H) expect(on, `t=${t}`).toBe(0);
      else if (t < 32 * H) expect(on, `t=${t}`).toBe(2);
      else if (t < 35 * H) expect(on, `t=${t}`).toBe(5);
      else expect(on, `t=${t}`).toBe(0);
    }
    expect(byTime.some(([t]) => t >= 31 * H && t < 32 * H)).toBe(true);
  });

  it('is refused with its key and place when its `at` is neither form', () => {
    expect(problems(withDesk('    schedule: [{ at: "d0 08:00", agents: 3 }]\n'))).toEqual([{
      where: `${FILE}:8:22`,
      path: 'teams.desk.schedule.0.at',
      message: 'expected a time of day "HH:MM" such as "08:30" (daily), or a day and time "dN HH:MM" such as "d2 08:00" (dated), got "d0 08:00"',
    }]);
  });

  it('is refused when it mixes daily and dated steps, starts after the run does, or runs past its end', () => {
    const mixed = problems(withDesk('    schedule: [{ at: "d1 00:00", agents: 3 }, { at: "12:00", agents: 4 }]\n'));
    expect(mixed.map((p) => [p.where, p.path])).toEqual([[`${FILE}:8:53`, 'teams.desk.schedule.1.at']]);
    expect(mixed[0].message).toMatch(/first step is dated \("d1 00:00"\)/);
    const late = problems(withDesk('    schedule: [{ at: "d1 09:00", agents: 3 }]\n', 'startsAt: "08:00"\n'));
    expect(late).toEqual([expect.objectContaining({ path: 'teams.desk.schedule.0.at' })]);
    expect(late[0].message).toContain('expected the run\'s start, "d1 08:00" (startsAt 08:00), got "d1 09:00"');
    const early = problems(withDesk('    schedule: [{ at: "d1 00:00", agents: 3 }]\n', 'startsAt: "08:00"\n'));
    expect(early[0].message).toContain('got "d1 00:00"');
    // horizon 3d + drain 1d from d1 00:00: the run ends at d5 00:00.
    const past = problems(withDesk('    schedule: [{ at: "d1 00:00", agents: 3 }, { at: "d5 00:00", agents: 4 }]\n'));
    expect(past.map((p) => p.path)).toEqual(['teams.desk.schedule.1.at']);
    expect(past[0].message).toBe('expected a time before the run ends, "d5 00:00" (horizon 3d + drain 1d), got "d5 00:00"');
    expect(() => load(withDesk('    schedule: [{ at: "d1 00:00", agents: 3 }, { at: "d4 23:59", agents: 4 }]\n'))).not.toThrow();
  });
});

describe('datedSchedule (per-interval headcounts to a scenario schedule)', () => {
  const sc = load(withDesk('    agents: 2\n', 'startsAt: "08:00"\n'));

  it('writes `dN HH:MM` entries by startsAt, merging equal neighbours', () => {
    const steps = [0, 1, 2, 3, 4, 5].map((i) => ({ at: i * 8 * H, agents: [4, 4, 9, 9, 9, 3][i] }));
    expect(datedSchedule(sc, steps)).toEqual([
      { at: 'd1 08:00', agents: 4 },
      { at: 'd2 00:00', agents: 9 },
      { at: 'd3 00:00', agents: 3 },
    ]);
  });

  it('gives entries a scenario reads back as the same headcounts at every time', () => {
    const steps = [{ at: 0, agents: 1 }, { at: 90 * 60, agents: 7 }, { at: 30 * H, agents: 2 }, { at: 50 * H + 15 * 60, agents: 0 }];
    const overlay = stringify({ schedule: datedSchedule(sc, steps) }).split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
    const back = load(withDesk(overlay, 'startsAt: "08:00"\n'));
    expect(back.teams[1].datedSchedule).toEqual(steps);
  });

  it('refuses steps it cannot write exactly', () => {
    expect(() => datedSchedule(sc, [{ at: 60, agents: 1 }])).toThrow(RangeError);
    expect(() => datedSchedule(sc, [{ at: 0, agents: 1 }, { at: 0, agents: 2 }])).toThrow(/time order/);
    expect(() => datedSchedule(sc, [{ at: 0, agents: 1 }, { at: 90, agents: 2 }])).toThrow(/whole minute/);
    expect(() => datedSchedule(sc, [{ at: 0, agents: 1.5 }])).toThrow(/whole headcount/);
  });
});
