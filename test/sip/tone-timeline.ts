/** What the callee's ear noted (audio-probe.ts listenFor): every 50 ms, the level in dB at each frequency asked for. */
export type Timeline = { at: number; db: number[] }[];

/** A tone is there when it stands this far above the quietest of the frequencies listened for. */
const ABOVE_DB = 25;

const present = (sample: Timeline[number], index: number) => {
  const floor = Math.min(...sample.db);
  return (sample.db[index] ?? -Infinity) - floor > ABOVE_DB;
};

/** The longest stretch the tone at `index` was heard, with how much of it the tone at `other` was heard too. */
export function longestHeard(timeline: Timeline, index: number, other?: number): { from: number; to: number; ms: number; otherShare: number } {
  let best = { from: 0, to: 0, start: -1, end: -1 };
  let start = -1;
  timeline.forEach((sample, i) => {
    if (present(sample, index)) {
      if (start < 0) start = i;
      const end = i;
      if (end - start > best.end - best.start) best = { from: timeline[start]!.at, to: sample.at, start, end };
    } else {
      start = -1;
    }
  });
  const span = best.start < 0 ? [] : timeline.slice(best.start, best.end + 1);
  const otherShare = other === undefined || span.length === 0 ? 0 : span.filter((s) => present(s, other)).length / span.length;
  return { from: best.from, to: best.to, ms: best.to - best.from, otherShare };
}
