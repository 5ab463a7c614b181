import type { DurationFit, Estimate } from './distributions.js';
import type { ChannelFit, FitResult, MixFit } from './fit.js';
import { formatInstant } from '../trace/instant.js';
import { formatTimeOfDay } from '../format/time.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Seconds as `42.1s`, `3.02m`, `1.50h`, with three significant digits. */
function secondsText(s: number): string {
  if (!Number.isFinite(s)) return '-';
  if (Math.abs(s) < 60) return `${s.toPrecision(3)}s`;
  if (Math.abs(s) < 3600) return `${(s / 60).toPrecision(3)}m`;
  return `${(s / 3600).toPrecision(3)}h`;
}

const interval = (e: Estimate, text: (v: number) => string) =>
  Number.isFinite(e.se) ? `${text(e.value)} [${text(e.low)}, ${text(e.high)}]` : `${text(e.value)} [interval unknown]`;
const perHour = (v: number) => `${(v * 3600).toPrecision(4)}/h`;
const plain = (v: number) => v.toPrecision(3);
const pValue = (p: number) => (p < 1e-4 ? '< 0.0001' : p.toFixed(4));

function durationTable(fit: DurationFit, indent: string): string[] {
  const rows = fit.candidates.map((c) => [
    `${c.family}${c === fit.chosen ? ' *' : ''}`,
    interval(c.mean, secondsText),
    c.sd ? interval(c.sd, secondsText) : '(= mean)',
    c.logLikelihood.toFixed(1),
    c.bic.toFixed(1),
    `${c.ks.d.toFixed(4)} (p ${pValue(c.ks.pValue)})`,
  ]);
  const head = ['family', 'mean [95%]', 'sd [95%]', 'log-likelihood', 'BIC', 'KS D'];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => `${indent}${cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd()}`;
  return [line(head), ...rows.map(line), `${indent}* chosen: lowest BIC (-2 ln L + parameters x ln n)`];
}

function mixText(mix: MixFit): string {
  return mix.names.map((n, i) => `${n} ${interval(mix.shares[i], (v) => v.toFixed(3))}`).join(', ');
}

function channelLines(ch: ChannelFit, fit: FitResult): string[] {
  const out: string[] = [];
  const a = ch.arrivals;
  out.push(`channel ${ch.name}: ${ch.conversations} conversations`);
  out.push(`  rate         ${interval(a.rate, perHour)} (outside surges, mean over the day${a.weekdays ? ' and the week' : ''})`);
  if (a.profile) {
    const p = a.profile;
    out.push(`  profile      24 hourly weights (vs a flat day: chi-square ${p.test.chiSquare.toFixed(1)}, df 23, p ${pValue(p.test.pValue)}), weight ± se:`);
    for (let row = 0; row < 4; row++) {
      out.push(`    ${Array.from({ length: 6 }, (_, k) => row * 6 + k).map((h) => `${String(h).padStart(2, '0')}h ${p.weights[h].toFixed(3)} ±${p.se[h].toFixed(3)}`).join('  ')}`);
    }
  } else {
    out.push('  profile      flat');
  }
  if (a.weekdays) {
    const w = a.weekdays;
    out.push(`  weekdays     (vs a flat week: chi-square ${w.test.chiSquare.toFixed(1)}, df 6, p ${pValue(w.test.pValue)})`);
    out.push(`    ${w.weights.map((x, d) => `${WEEKDAYS[d]} ${x.toFixed(3)} ±${w.se[d].toFixed(3)}`).join('  ')}`);
  }
  ch.surges.forEach((s, i) => {
    const when = fit.dated ? formatInstant(fit.origin + s.start, fit.offset) : `${s.start / 3600}h`;
    out.push(`  surge ${i + 1}      from ${when} (${s.start / 3600}h) for ${s.duration / 3600}h: volume x${interval(s.volume, plain)} (${s.observed} arrivals, ${s.expected.toFixed(0)} expected)`);
    if (s.sentimentTest) {
      out.push(`               sentiment ${s.sentiment ? 'differs' : 'as usual'} (chi-square ${s.sentimentTest.chiSquare.toFixed(1)}, p ${pValue(s.sentimentTest.pValue)})${s.sentiment ? `: ${mixText(s.sentiment)}` : ''}`);
    }
  });
  if (ch.handleTime) {
    out.push(`  handleTime   from ${ch.handleTime.n} ${ch.handleTimeSource}:`);
    out.push(...durationTable(ch.handleTime, '    '));
  } else {
    out.push('  handleTime   not fitted (a placeholder is written)');
  }
  if (ch.patience) {
    const p = ch.patience;
    out.push(`  patience     ${p.events} abandonments, ${p.n - p.events} waits censored by pickup (abandoners alone would say mean ${secondsText(ch.abandonersMeanWait ?? NaN)}):`);
    out.push(...durationTable(p, '    '));
  } else {
    out.push('  patience     none (no abandonments fitted: customers never give up)');
  }
  if (ch.turns) out.push(`  turns        ${ch.turns.spec.dist === 'constant' ? `constant ${ch.turns.mean.value}` : `geometric, mean ${interval(ch.turns.mean, plain)}`} (${ch.turns.n} answered conversations)`);
  if (ch.customerReplyDelay && ch.customerReplyDelay.dist === 'exponential') out.push(`  replyDelay   exponential, mean ${secondsText(ch.customerReplyDelay.mean)} (rough: from close times)`);
  if (ch.sentiment) out.push(`  sentiment    ${mixText(ch.sentiment)}`);
  if (ch.topics) out.push(`  topics       ${mixText(ch.topics)}`);
  if (ch.brands) out.push(`  brands       ${mixText(ch.brands)}`);
  for (const w of ch.warnings) out.push(`  warning: ${w}`);
  return out;
}

/** The fit's diagnostics as text: each parameter with its 95% interval, each candidate distribution's fit, the choices, and the warnings. */
export function fitTextReport(fit: FitResult): string {
  const start = fit.dated ? formatInstant(fit.origin, fit.offset) : `${formatTimeOfDay(fit.startsAt)} (times in seconds)`;
  const lines = [`careload fit: ${fit.file}, ${fit.rows} conversations from ${start} over ${fit.horizon / 3600}h`];
  for (const w of fit.warnings) lines.push(`warning: ${w}`);
  for (const ch of fit.channels) lines.push('', ...channelLines(ch, fit));
  lines.push('', `team: ${fit.agents} agents for ${fit.offeredLoad.toFixed(1)} Erlangs offered at the busiest hour (staffing is not in an export: edit it)`);
  return `${lines.join('\n')}\n`;
}

/** The fit's diagnostics as a JSON-ready document (durations in seconds, rates per second; NaN becomes null). */
export function fitDocument(fit: FitResult, out: string | null): Record<string, unknown> {
  return { out, ...fit };
}
