/** Shift status of an agent. */
export const AgentStatus = {
  off: 0,
  on: 1,
  /** Off the roster but finishing the conversations still open. */
  leaving: 2,
} as const;

/** Whether a rostered agent is at work (see src/model/absences.ts). */
export const Away = {
  /** At work: takes new conversations. */
  no: 0,
  /** An absence is due: takes nothing new, finishes the reply being written, then goes. */
  due: 1,
  /** Away: takes nothing new and writes nothing; open conversations wait. */
  away: 2,
} as const;

/**
 * All agents of all teams as parallel typed arrays. Agent ids are contiguous
 * per team, in team declaration order. Each agent holds up to `concurrency`
 * open conversations and writes one reply at a time; replies wait in the
 * agent's own small ring buffer (at most one per open conversation).
 */
export class AgentPool {
  readonly size: number;
  readonly team: Int32Array;
  readonly status: Uint8Array;
  readonly open: Int32Array;
  /** Conversation slot being written to, or -1. */
  readonly writing: Int32Array;
  readonly writeStart: Float64Array;
  /** When the agent last stopped writing (or came on shift, or back from an absence). */
  readonly idleSince: Float64Array;
  /** {@link Away} state: always `no` in a team without shrinkage. */
  readonly away: Uint8Array;
  /** Position in its team's availability heap, or -1. */
  readonly heapPos: Int32Array;
  private readonly ring: Int32Array;
  private readonly ringStart: Int32Array;
  private readonly ringHead: Int32Array;
  private readonly ringLength: Int32Array;
  readonly concurrency: Int32Array;

  /**
   * `teamSizes[k]` agents with `teamConcurrency[k]` slots each, per team k.
   * `longestIdle` chooses the agent idle longest for new work, instead of
   * the one with the fewest open conversations.
   */
  constructor(teamSizes: readonly number[], teamConcurrency: readonly number[], private readonly longestIdle = false) {
    this.size = teamSizes.reduce((s, n) => s + n, 0);
    const n = this.size;
    this.team = new Int32Array(n);
    this.status = new Uint8Array(n);
    this.open = new Int32Array(n);
    this.writing = new Int32Array(n).fill(-1);
    this.writeStart = new Float64Array(n);
    this.idleSince = new Float64Array(n);
    this.away = new Uint8Array(n);
    this.heapPos = new Int32Array(n).fill(-1);
    this.concurrency = new Int32Array(n);
    this.ringStart = new Int32Array(n);
    this.ringHead = new Int32Array(n);
    this.ringLength = new Int32Array(n);
    let id = 0;
    let ringSize = 0;
    for (let k = 0; k < teamSizes.length; k++) {
      for (let i = 0; i < teamSizes[k]; i++, id++) {
        this.team[id] = k;
        this.concurrency[id] = teamConcurrency[k];
        this.ringStart[id] = ringSize;
        ringSize += teamConcurrency[k];
      }
    }
    this.ring = new Int32Array(ringSize);
  }

  /** Queues a reply to conversation `slot` on the agent's own work list. */
  pushReply(agent: number, slot: number): void {
    const c = this.concurrency[agent];
    const pos = (this.ringHead[agent] + this.ringLength[agent]) % c;
    this.ring[this.ringStart[agent] + pos] = slot;
    this.ringLength[agent]++;
  }

  /** Takes the oldest pending reply of the agent, or -1 when none. */
  shiftReply(agent: number): number {
    if (this.ringLength[agent] === 0) return -1;
    const slot = this.ring[this.ringStart[agent] + this.ringHead[agent]];
    this.ringHead[agent] = (this.ringHead[agent] + 1) % this.concurrency[agent];
    this.ringLength[agent]--;
    return slot;
  }

  /**
   * True when agent x should take new work before agent y. leastBusy (the
   * default): fewer open conversations first, then not writing before
   * writing, then longest idle. longestIdle: not writing first, then longest
   * idle, then fewer open conversations. Last, the lower id (deterministic).
   */
  before(x: number, y: number): boolean {
    const ox = this.open[x];
    const oy = this.open[y];
    if (!this.longestIdle && ox !== oy) return ox < oy;
    // A writing agent counts as idle since +Infinity: after every agent not writing, level with one writing.
    // (Tested apart rather than as a number: a phi of Infinity and a float would box the float on every call.)
    const wx = this.writing[x] >= 0;
    const wy = this.writing[y] >= 0;
    if (wx !== wy) return wy;
    if (!wx) {
      const ix = this.idleSince[x];
      const iy = this.idleSince[y];
      if (ix !== iy) return ix < iy;
    }
    if (this.longestIdle && ox !== oy) return ox < oy;
    return x < y;
  }
}

/**
 * The agents of one team who are on shift with a free slot, as an indexed
 * binary heap ordered by {@link AgentPool.before}; the top is the agent who
 * takes the next conversation. Keys change in place through {@link update}.
 */
export class AvailabilityHeap {
  private readonly items: Int32Array;
  size = 0;

  constructor(capacity: number, private readonly pool: AgentPool) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** The agent to pick next, or -1. */
  peek(): number {
    return this.size > 0 ? this.items[0] : -1;
  }

  has(agent: number): boolean {
    return this.pool.heapPos[agent] >= 0;
  }

  insert(agent: number): void {
    const i = this.size++;
    this.items[i] = agent;
    this.pool.heapPos[agent] = i;
    this.siftUp(i);
  }

  remove(agent: number): void {
    const pos = this.pool.heapPos;
    const i = pos[agent];
    pos[agent] = -1;
    const last = --this.size;
    if (i === last) return;
    const moved = this.items[last];
    this.items[i] = moved;
    pos[moved] = i;
    this.siftUp(i);
    this.siftDown(pos[moved]);
  }

  /** Restores heap order after the agent's key changed. */
  update(agent: number): void {
    const i = this.pool.heapPos[agent];
    this.siftUp(i);
    this.siftDown(this.pool.heapPos[agent]);
  }

  private siftUp(i: number): void {
    const items = this.items;
    const pos = this.pool.heapPos;
    const agent = items[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p];
      if (!this.pool.before(agent, parent)) break;
      items[i] = parent;
      pos[parent] = i;
      i = p;
    }
    items[i] = agent;
    pos[agent] = i;
  }

  private siftDown(i: number): void {
    const items = this.items;
    const pos = this.pool.heapPos;
    const agent = items[i];
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.pool.before(items[c + 1], items[c])) c++;
      if (!this.pool.before(items[c], agent)) break;
      items[i] = items[c];
      pos[items[c]] = i;
      i = c;
    }
    items[i] = agent;
    pos[agent] = i;
  }
}
