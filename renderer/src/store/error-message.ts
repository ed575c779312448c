/** A readable sentence for anything a call can throw (main's ApiError carries the sentence). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
