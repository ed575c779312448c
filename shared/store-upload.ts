/** A solo store uploaded into a team (main/team/store-upload.ts): what it did, or in a dry run would do. */
export interface UploadReport {
  account: string;
  dryRun: boolean;
  leads: { read: number; created: number; merged: number; skipped: number; skippedLeads: { id: number; name: string; reason: string }[] };
  phones: { added: number };
  activities: { added: number };
  calls: { read: number; added: number; alreadyInTeam: number };
  stageHistory: { read: number; added: number; alreadyInTeam: number };
  callbacks: { read: number; added: number; alreadyInTeam: number };
  handoffs: { added: number };
  noteDrafts: { read: number; added: number; teamHadOne: number };
  /** The rep names the store's calls carried, each recorded under `account`. */
  repNames: { name: string | null; calls: number }[];
  /** Disposition codes of uploaded calls that the team does not define (its summaries read them as they are). */
  unknownDispositions: string[];
}

/**
 * The largest store a team server takes over its API (the desktop app's Settings → Team). It
 * travels whole in one request, base64 in JSON as import files do, and is held in the team
 * server's memory while it is written to a private temp file: bounded, like an import's 100 MB.
 * A larger store goes in with the command line (`npm run cli -- upload`), which reads the file.
 */
export const MAX_STORE_BYTES = 100 * 1024 * 1024;

/** The sentence for a store over the limit, with its size, and what to do instead. */
export function storeTooLargeSentence(bytes: number | null): string {
  const size = bytes === null ? 'larger than 100 MB' : `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
  return `This store is ${size}; a team server takes a store of up to 100 MB from Settings → Team. Whoever holds the team database’s address uploads a larger one with the command line (npm run cli -- upload --store …). Nothing was uploaded.`;
}
