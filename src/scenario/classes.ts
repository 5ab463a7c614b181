import type { Scenario } from './types.js';

/** The teams that own a class under `dedicated` routing (see {@link ClassTable}). */
function owners(teams: Scenario['teams'], skilled: number[], channel: number, tier: number): number[] {
  const devoted = skilled.filter((k) => {
    const d = teams[k].dedicated;
    return d !== null && (d.tiers === null || d.tiers.includes(tier)) && (d.channels === null || d.channels.includes(channel));
  });
  return devoted.length > 0 ? devoted : skilled.filter((k) => teams[k].dedicated === null);
}

/**
 * Queue classes: every combination of channel, tier and brand that decides
 * who may take a conversation. Conversations of one class wait in one FIFO,
 * so routing only ever compares class heads.
 *
 * Who takes a class:
 * - under every policy but `dedicated`, every team skilled for it (its
 *   channels, tiers and brands include the class's): one pool;
 * - under `dedicated`, its owners: the skilled teams dedicated to its tier
 *   or channel, or, when no team is, the skilled teams dedicated to nothing.
 * A team's `overflow: { after, to }` additionally lets team `to` take the
 * classes the team takes once their oldest conversation has waited `after`.
 */
export class ClassTable {
  /** Brand slots per (channel, tier): one per brand plus one for "no brand". */
  readonly brandSlots: number;
  readonly tierCount: number;
  readonly count: number;
  readonly channel: Int32Array;
  readonly tier: Int32Array;
  /** Brand index, or -1 for conversations without a brand. */
  readonly brand: Int32Array;
  /** Urgency (the tier's priority; lower = more urgent). */
  readonly priority: Float64Array;
  /** The tier's first-response target, seconds. */
  readonly target: Float64Array;
  /** Teams that take each class straight away (without overflow), in declaration order. */
  readonly takers: Int32Array[];
  /** Classes each team takes straight away, most urgent first. */
  readonly teamClasses: Int32Array[];
  /** Per team: classes it takes by overflow, and after how long a wait. */
  readonly overflowClasses: Int32Array[];
  readonly overflowAfter: Float64Array[];
  /** Per class: the distinct waits after which it opens to overflow teams, ascending. */
  readonly overflowWaits: Float64Array[];

  constructor(scenario: Scenario) {
    const C = scenario.channels.length;
    const T = scenario.tiers.length;
    const B = scenario.brands.length + 1;
    this.brandSlots = B;
    this.tierCount = T;
    this.count = C * T * B;
    const n = this.count;
    this.channel = new Int32Array(n);
    this.tier = new Int32Array(n);
    this.brand = new Int32Array(n);
    this.priority = new Float64Array(n);
    this.target = new Float64Array(n);
    const teams = scenario.teams;
    const dedicated = scenario.routing.policy === 'dedicated';
    this.takers = [];
    this.overflowWaits = [];
    const overflow: { cls: number; after: number }[][] = teams.map(() => []);
    for (let cls = 0; cls < n; cls++) {
      const brand = cls % B;
      const ct = Math.floor(cls / B);
      this.channel[cls] = Math.floor(ct / T);
      this.tier[cls] = ct % T;
      this.brand[cls] = brand === B - 1 ? -1 : brand;
      this.priority[cls] = scenario.tiers[this.tier[cls]].priority;
      this.target[cls] = scenario.tiers[this.tier[cls]].firstResponseTarget;
      const skilled = teams.flatMap((t, k) =>
        t.channels.includes(this.channel[cls]) &&
        t.tiers.includes(this.tier[cls]) &&
        (this.brand[cls] < 0 || t.brands === null || t.brands.includes(this.brand[cls]))
          ? [k]
          : [],
      );
      const takers = dedicated ? owners(teams, skilled, this.channel[cls], this.tier[cls]) : skilled;
      // Overflow with no wait makes the target team a taker outright.
      for (const k of [...takers]) {
        const o = teams[k].overflow;
        if (o && o.after <= 0 && !takers.includes(o.to)) takers.push(o.to);
      }
      const waits = new Set<number>();
      for (const k of takers) {
        const o = teams[k].overflow;
        if (o && !takers.includes(o.to)) {
          overflow[o.to].push({ cls, after: o.after });
          waits.add(o.after);
        }
      }
      this.takers.push(Int32Array.from(takers));
      this.overflowWaits.push(Float64Array.from([...waits].sort((x, y) => x - y)));
    }
    const byUrgency = (x: number, y: number) => this.priority[x] - this.priority[y] || x - y;
    this.teamClasses = teams.map((_, k) => {
      const mine: number[] = [];
      for (let cls = 0; cls < n; cls++) if (this.takers[cls].includes(k)) mine.push(cls);
      return Int32Array.from(mine.sort(byUrgency));
    });
    this.overflowClasses = overflow.map((list) => Int32Array.from(list.map((o) => o.cls)));
    this.overflowAfter = overflow.map((list) => Float64Array.from(list.map((o) => o.after)));
  }

  /** The class of a conversation (brand -1 = no brand). */
  classOf(channel: number, tier: number, brand: number): number {
    return (channel * this.tierCount + tier) * this.brandSlots + (brand < 0 ? this.brandSlots - 1 : brand);
  }
}
