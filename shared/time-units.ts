/**
 * Every length of time the code counts in, defined once and named with its unit: `*_MS` is
 * milliseconds (what Date.now() and timers speak), `*_MINUTES` is a count of minutes (what the
 * dispositions' retry delays and the calling window's bounds speak). A bare 60_000 elsewhere
 * fails lint (eslint.config.js), so "an hour" cannot mean 60 in one file and 3,600,000 in another.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The longest a timer (setTimeout) may wait, about 24.8 days: a longer wait fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const HOUR_MINUTES = 60;
export const DAY_MINUTES = 24 * HOUR_MINUTES;
