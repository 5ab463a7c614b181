import type { CountSpec, DistSpec } from '../core/distributions.js';
import { NAME_PATTERN } from '../scenario/fields.js';
import { formatInstant } from '../trace/instant.js';
import type { FitResult, MixFit } from './fit.js';

/** A name usable as a scenario key: other characters become `-`, and it starts with a letter. */
export function scenarioName(raw: string, taken: Set<string>): string {
  let name = raw.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 90);
  if (!/^[A-Za-z]/.test(name)) name = `x${name}`;
  let unique = name;
  for (let k = 2; taken.has(unique); k++) unique = `${name}-${k}`;
  taken.add(unique);
  return NAME_PATTERN.test(unique) ? unique : `x${taken.size}`;
}

const round = (v: number, digits: number) => Number(v.toPrecision(digits));
const seconds = (v: number) => `${round(v, 6)}s`;
const perHour = (v: number) => `${round(v * 3600, 6)}/h`;

function dist(spec: DistSpec | CountSpec): string {
  switch (spec.dist) {
    case 'exponential':
      return `{ dist: exponential, mean: ${seconds(spec.mean)} }`;
    case 'lognormal':
    case 'gamma':
      return `{ dist: ${spec.dist}, mean: ${seconds(spec.mean)}, sd: ${seconds(spec.sd)} }`;
    case 'geometric':
      return `{ dist: geometric, mean: ${round(spec.mean, 6)} }`;
    case 'constant':
      return String(spec.value);
    default:
      throw new Error(`no text for ${spec.dist}`);
  }
}

/** `{ a: 0.1, b: 0.9 }` with shares rounded to 4 decimals, the last one taking the rest so they sum to 1 exactly. */
function shares(mix: MixFit, names: (raw: string) => string): string {
  const values = mix.shares.map((s) => Math.round(s.value * 1e4) / 1e4);
  const last = values.length - 1;
  values[last] = Math.round((1 - values.slice(0, last).reduce((s, v) => s + v, 0)) * 1e4) / 1e4;
  return `{ ${mix.names.map((n, i) => `${names(n)}: ${values[i]}`).join(', ')} }`;
}

const weights = (w: readonly number[]) => `[${w.map((x) => round(x, 4)).join(', ')}]`;

/**
 * The fitted scenario as YAML text that `careload validate` accepts, with
 * comments saying where each value came from and what to edit: staffing is
 * not in an export, so the team is sized by the offered load at the busiest
 * hour; thresholds are left for the user.
 */
export function fitScenarioText(fit: FitResult, name: string): string {
  const lines: string[] = [];
  const push = (s: string) => lines.push(s);
  const taken = new Set<string>();
  const channelNames = new Map(fit.channels.map((c) => [c.name, scenarioName(c.name, taken)]));
  const otherNames = new Map<string, string>();
  const other = (raw: string) => {
    if (!otherNames.has(raw)) otherNames.set(raw, scenarioName(raw, new Set(otherNames.values())));
    return otherNames.get(raw)!;
  };
  push(`# Fitted by careload fit from ${fit.file} (${fit.rows} conversations).`);
  push('# Every value below is an estimate: see the fit diagnostics for its interval.');
  push(`name: ${scenarioName(name, new Set())}`);
  push(`horizon: ${fit.horizon / 3600}h`);
  const hh = String(Math.floor(fit.startsAt / 3600)).padStart(2, '0');
  const mm = String(Math.floor((fit.startsAt % 3600) / 60)).padStart(2, '0');
  push(`startsAt: "${fit.dated ? formatInstant(fit.origin, fit.offset) : `${hh}:${mm}`}"`);
  push('');
  push('channels:');
  for (const ch of fit.channels) {
    const a = ch.arrivals;
    push(`  ${channelNames.get(ch.name)}:`);
    push(`    rate: ${perHour(a.rate.value)}`);
    if (a.profile) push(`    profile: ${weights(a.profile.weights)}`);
    if (a.weekdays) push(`    weekdays: ${weights(a.weekdays.weights)}   # Monday first`);
    if (ch.handleTime) push(`    handleTime: ${dist(ch.handleTime.chosen.spec)}`);
    else push('    handleTime: { dist: exponential, mean: 5m }   # not in the export: a placeholder, edit it');
    if (ch.turns) push(`    turns: ${dist(ch.turns.spec)}`);
    if (ch.customerReplyDelay) push(`    customerReplyDelay: ${dist(ch.customerReplyDelay)}   # rough: from close times, edit if known`);
    if (ch.patience) push(`    patience: ${dist(ch.patience.chosen.spec)}   # right-censored by pickup`);
    if (ch.sentiment) push(`    sentiment: ${shares(ch.sentiment, (s) => s)}`);
    if (ch.topics) push(`    topics: ${shares(ch.topics, other)}`);
    if (ch.brands) push(`    brands: ${shares(ch.brands, other)}`);
    if (ch.tier && fit.tiers.length > 1) push(`    tier: ${other(ch.tier)}`);
  }
  const surges = fit.channels.flatMap((ch) => ch.surges.map((s, i) => ({ ch, s, i })));
  if (surges.length > 0) {
    push('');
    push('# Windows where arrivals exceeded the fitted profile (volume = observed / expected).');
    push('surges:');
    for (const { ch, s, i } of surges) {
      const label = scenarioName(`${channelNames.get(ch.name)}-surge-${i + 1}`, taken);
      const mix = s.sentiment ? `, sentiment: ${shares(s.sentiment, (x) => x)}` : '';
      push(`  - { name: ${label}, start: ${s.start / 3600}h, duration: ${s.duration / 3600}h, volume: ${round(s.volume.value, 4)}, channels: [${channelNames.get(ch.name)}]${mix} }`);
    }
  }
  if (fit.tiers.length > 1) {
    push('');
    push('# Tiers seen in the export; their targets are not: edit them (and add triage rules).');
    push('tiers:');
    for (const t of fit.tiers) push(`  ${other(t)}: { firstResponse: 2h }`);
  }
  push('');
  push('# Staffing is not in an export: this team is sized by the offered load at the');
  push(`# busiest hour (${round(fit.offeredLoad, 3)} Erlangs / 85% occupancy). Edit it to your roster.`);
  push('teams:');
  push('  agents:');
  push(`    agents: ${fit.agents}`);
  push('');
  push('# thresholds: add the targets to check, e.g.');
  push("#   slaAttainment: ['>= 80%']");
  return `${lines.join('\n')}\n`;
}
