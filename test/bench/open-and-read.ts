import { DatabaseSync } from 'node:sqlite';

/**
 * The cold start's floor, run as a process of its own by cold-start.ts: open the store and read
 * one lead through an index (the phones of lead 1, by phones_lead), print it, exit.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: open-and-read.ts STORE_FILE');
const db = new DatabaseSync(file);
const row = db.prepare('SELECT lead_id, e164 FROM phones WHERE lead_id = ? ORDER BY position LIMIT 1').get(1);
console.log(JSON.stringify(row));
db.close();
