import { ClassTable } from '../classes.js';
import { teamPeakHeadcount } from '../staffing.js';
import type { Scenario } from '../types.js';
import type { Rule } from './checker.js';

/**
 * One kind of conversation a channel can produce: a tier triage may give it
 * (or the channel's own) and a brand it may carry (-1 for none), with the
 * teams that take it straight away.
 */
export interface ConversationKind {
  scenario: Scenario;
  channel: number;
  tier: number;
  brand: number;
  takers: number[];
  /** Per team: whether it ever has agents. */
  staffed: boolean[];
}

/** Brands each channel's conversations can carry (-1 = no brand), follow-ups from other channels included. */
function brandsByChannel({ channels, surges }: Scenario): Set<number>[] {
  // Brands a channel's own conversations can carry: its mix, and what its surges blend in.
  const own = channels.map((c, ch) => {
    if (c.brands === null) return new Set([-1]);
    const set = new Set(c.brands.flatMap((s, b) => (s > 0 ? [b] : [])));
    for (const s of surges) {
      if (s.brands !== null && s.channels.includes(ch)) s.brands.forEach((share, b) => share > 0 && set.add(b));
    }
    return set;
  });
  // Follow-ups (which never spawn follow-ups) carry their original's brand onto the target channel.
  const all = own.map((set) => new Set(set));
  channels.forEach((c, ch) => {
    if (c.followUp) for (const b of own[ch]) all[c.followUp.channel].add(b);
  });
  return all;
}

/** Every kind of conversation the scenario's channels can produce, channel by channel. */
export function conversationKinds(scenario: Scenario): ConversationKind[] {
  const { channels, teams, triage } = scenario;
  const classes = new ClassTable(scenario);
  const staffed = teams.map((t) => teamPeakHeadcount(t) > 0);
  const brands = brandsByChannel(scenario);
  const kinds: ConversationKind[] = [];
  channels.forEach((c, channel) => {
    for (const brand of brands[channel]) {
      // Tiers a rule can give here: it must allow this channel and this brand (tags may be misread, brands not).
      const rules = triage.filter((r) => (r.channels === null || r.channels.includes(channel)) && (r.brands === null || r.brands.includes(brand)));
      for (const tier of new Set([c.tier, ...rules.map((r) => r.tier)])) {
        kinds.push({ scenario, channel, tier, brand, takers: [...classes.takers[classes.classOf(channel, tier, brand)]], staffed });
      }
    }
  });
  return kinds;
}

/** `tier gold, brand orange`: which conversations of a channel a problem is about. */
function describeKind({ scenario, tier, brand }: ConversationKind): string {
  return `tier ${scenario.tiers[tier].name}${brand >= 0 ? `, brand ${scenario.brands[brand]}` : ''}`;
}

/**
 * Rules over the resolved scenario: every kind of conversation a channel can
 * produce must be taken by a team that has agents at some point (or, under
 * dedicated routing, overflows to one); otherwise it would wait forever.
 */
export const COVERAGE_RULES: readonly Rule<ConversationKind>[] = [
  {
    name: 'conversations-have-a-team',
    purpose: 'every kind of conversation a channel can produce (each tier triage may give it, each brand it may carry) is taken by some team',
    check: (kind, report) => {
      if (kind.takers.length > 0) return;
      const hint = kind.scenario.routing.policy === 'dedicated'
        ? 'with dedicated routing, dedicate a team to them or leave a skilled team undedicated'
        : `list them in a team's channels, tiers${kind.brand >= 0 ? ' and brands' : ''}`;
      report(['channels', kind.scenario.channels[kind.channel].name], `no team takes this channel's conversations of ${describeKind(kind)}; ${hint}`);
    },
  },
  {
    name: 'conversations-have-agents',
    purpose: 'some team that takes a kind of conversation has agents at some point, itself or the team it overflows to',
    check: (kind, report) => {
      const { teams } = kind.scenario;
      const answered = kind.takers.some((k) => kind.staffed[k] || (teams[k].overflow !== null && kind.staffed[teams[k].overflow.to]));
      if (kind.takers.length > 0 && !answered) {
        report(['channels', kind.scenario.channels[kind.channel].name], `every team that takes this channel's conversations of ${describeKind(kind)} has 0 agents`);
      }
    },
  },
];
