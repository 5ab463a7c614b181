/** Default most conversations a command may simulate in one run (all replications together); `--max-work` raises it. */
export const DEFAULT_MAX_WORK = 2e9;
