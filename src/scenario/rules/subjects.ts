import { DEFAULTS, type ScenarioFile } from '../schema.js';
import type { Path } from './checker.js';

/**
 * What the file rules look at: the schema-checked file, the names it declares
 * (which references must match), and one entry of a section with its path.
 */

export type ChannelFile = ScenarioFile['channels'][string];
export type TeamFile = ScenarioFile['teams'][string];
export type SurgeFile = NonNullable<ScenarioFile['surges']>[number];
export type TriageFile = NonNullable<ScenarioFile['triage']>[number];
export type TierFile = { firstResponse: number; nextResponse?: number; priority?: number; goal?: number };

/** The names a scenario file declares, in declaration order. */
export interface KnownNames {
  tiers: string[];
  channels: string[];
  /** Union of the channels' brand mixes, in order of first appearance. */
  brands: string[];
  /** Union of the channels' topic mixes, in order of first appearance. */
  topics: string[];
  teams: string[];
  /** Each surge's name, `surge<n>` (1-based) when it has none. */
  surges: string[];
}

/** The subject of the rules about the file as a whole or one section of it. */
export interface FileSubject {
  file: ScenarioFile;
  known: KnownNames;
}

/** The subject of the rules about one entry of a section: the entry, where it is, and the file. */
export type EntrySubject<Entry> = FileSubject & {
  entry: Entry;
  /** Key path of the entry, such as ['teams', 'tier1'] or ['surges', 0]. */
  path: Path;
  /** The entry's name: its key, a surge's (default) name, `triage rule <n>` for a triage rule. */
  name: string;
};

/** The tiers of a file: its own, or the default single tier. */
export function tierEntries(file: ScenarioFile): [string, TierFile][] {
  return Object.entries(file.tiers ?? DEFAULTS.tiers);
}

/** Union of the names used in some mixes, in order of first appearance. */
function namesIn(mixes: (Record<string, number> | undefined)[]): string[] {
  const names: string[] = [];
  for (const m of mixes) for (const n of Object.keys(m ?? {})) if (!names.includes(n)) names.push(n);
  return names;
}

/** The names `file` declares. */
export function knownNames(file: ScenarioFile): KnownNames {
  const channels = Object.values(file.channels);
  return {
    tiers: tierEntries(file).map(([n]) => n),
    channels: Object.keys(file.channels),
    brands: namesIn(channels.map((c) => c.brands)),
    topics: namesIn(channels.map((c) => c.topics)),
    teams: Object.keys(file.teams),
    surges: (file.surges ?? []).map((s, i) => s.name ?? `surge${i + 1}`),
  };
}

/** The whole file as the one subject of a stage. */
export const wholeFile = (input: FileSubject): FileSubject[] => [input];

/** Each channel, in declaration order. */
export const eachChannel = (input: FileSubject): EntrySubject<ChannelFile>[] =>
  Object.entries(input.file.channels).map(([name, entry]) => ({ ...input, entry, name, path: ['channels', name] }));

/** Each surge, in list order (named by its default name when it has none). */
export const eachSurge = (input: FileSubject): EntrySubject<SurgeFile>[] =>
  (input.file.surges ?? []).map((entry, i) => ({ ...input, entry, name: input.known.surges[i], path: ['surges', i] }));

/** Each team, in declaration order. */
export const eachTeam = (input: FileSubject): EntrySubject<TeamFile>[] =>
  Object.entries(input.file.teams).map(([name, entry]) => ({ ...input, entry, name, path: ['teams', name] }));

/** Each triage rule, in list order. */
export const eachTriageRule = (input: FileSubject): EntrySubject<TriageFile>[] =>
  (input.file.triage ?? []).map((entry, i) => ({ ...input, entry, name: `triage rule ${i + 1}`, path: ['triage', i] }));
