import { DEFAULT_DISPOSITIONS } from '../shared/dispositions.ts';
import { dispositionParams, inUse, LIST_DISPOSITIONS, listedDispositions, WRITE_DISPOSITION, type DispositionRow } from './calls/disposition-store.ts';
import { ACTIVATE_SCRIPT, INSERT_SCRIPT, scriptParams, validateScript } from './scripts/script-store.ts';
import { BANT_PLAYBOOK, PERMISSION_PLAYBOOK } from './scripts/playbooks.ts';
import { transaction, type Database } from './store/database.ts';
import type { Queryable, SqlValue } from './store/seam/store.ts';

/** One statement of the seed: a read hands its rows back to the steps, a write hands back none. */
interface Step {
  sql: string;
  params: readonly SqlValue[];
}

type Rows = Record<string, unknown>[];

/**
 * What a new store starts with: the default dispositions, and the two built-in playbooks (BANT
 * active), each only where there are none yet. Written once, as steps that two drivers run: the
 * rep's SQLite file synchronously when it opens (openCore is synchronous), and the team's
 * PostgreSQL through the seam when a team server starts.
 */
function* seedSteps(now: number): Generator<Step, void, Rows> {
  const count = 'SELECT count(*) AS n FROM ';
  if (((yield { sql: `${count}dispositions`, params: [] })[0] as { n: number }).n === 0) {
    for (const [i, d] of DEFAULT_DISPOSITIONS.entries()) yield { sql: WRITE_DISPOSITION, params: dispositionParams(d, i) };
  }
  if (((yield { sql: `${count}scripts`, params: [] })[0] as { n: number }).n === 0) {
    const codes = inUse(listedDispositions((yield { sql: LIST_DISPOSITIONS, params: [] }) as DispositionRow[])).map((d) => d.code);
    for (const [text, fileName] of [[PERMISSION_PLAYBOOK, 'permission.yaml'], [BANT_PLAYBOOK, 'bant.yaml']] as const) {
      yield { sql: INSERT_SCRIPT, params: scriptParams(validateScript(text, fileName, codes), 1, text, now) };
    }
    yield { sql: ACTIVATE_SCRIPT[0], params: [] };
    yield { sql: ACTIVATE_SCRIPT[1], params: ['bant', 1] };
  }
}

const isRead = (sql: string) => sql.startsWith('SELECT');

/**
 * Seeds a rep's SQLite store, in one transaction, before openCore returns. A store already seeded
 * is only read: opening it never waits for the write lock another Nextcall (an import) holds.
 */
export function seedDatabase(db: Database, now: number): void {
  if (runSteps(db, now, { readOnly: true })) return;
  transaction(db, () => runSteps(db, now, { readOnly: false }));
}

/** Runs the seed's steps on SQLite; read-only, it stops at the first write and says so (false). */
function runSteps(db: Database, now: number, { readOnly }: { readOnly: boolean }): boolean {
  const steps = seedSteps(now);
  for (let step = steps.next(); !step.done; ) {
    const { sql, params } = step.value;
    if (readOnly && !isRead(sql)) return false;
    const statement = db.prepare(sql);
    step = steps.next(isRead(sql) ? (statement.all(...(params as SqlValue[])) as Rows) : (statement.run(...(params as SqlValue[])), []));
  }
  return true;
}

/** Seeds a store through the seam (the team's database), in one transaction: two processes starting at once seed once. */
export function seedStore(q: Queryable, now: number): Promise<void> {
  return q.transaction(async (tx) => {
    const steps = seedSteps(now);
    for (let step = steps.next(); !step.done; ) {
      const { sql, params } = step.value;
      step = steps.next(isRead(sql) ? await tx.all(sql, params) : (await tx.run(sql, params), []));
    }
  });
}
