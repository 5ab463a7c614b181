/**
 * The syntax of a `--set` override (`key.path=value`), apart from the
 * scenario loader so that the command line can check it while parsing flags
 * without loading YAML or the schema.
 */

const SET_FORM = 'expected key.path=value, e.g. --set teams.agents.agents=15';

/** Why an override is not of the form `key.path=value`, or null when it is. */
export function setSyntaxError(text: string): string | null {
  const eq = text.indexOf('=');
  const path = eq > 0 ? text.slice(0, eq).trim() : '';
  return !path || path.split('.').some((s) => s === '') ? SET_FORM : null;
}
