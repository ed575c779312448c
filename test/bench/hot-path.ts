/** Monday 10:00 in New York: most of the synthetic store's zones are inside their calling hours. */
export const BENCH_NOW = Date.parse('2026-11-23T15:00:00Z');

/** The outcomes a rep logs on a working day, in turn: retries, callbacks' cousins, closes. */
export const DISPOSITION_MIX = ['no-answer', 'voicemail', 'busy', 'interested-not-yet', 'not-interested', 'qualified', 'wrong-person'] as const;
