import { ApiError } from '../../shared/api-error.ts';
import type { CallList } from '../../shared/call-lists.ts';
import type { Queryable } from '../store/seam/store.ts';
import { listCallLists } from './call-lists.ts';

/**
 * What a team lead decides about a list beyond its filter: who works it, whether it runs, and how
 * long a lead waits for its owner. The queue enforces it (main/queue/list-access.ts). Each change
 * is one transaction, checked before anything is written: a refusal changes nothing.
 */

/** Assigns the list to everyone, or to these reps only (at least one). */
export async function assignList(q: Queryable, name: string, reps: 'everyone' | readonly string[]): Promise<CallList> {
  return q.transaction(async (tx) => {
    const id = await listIdOf(tx, name);
    if (reps !== 'everyone') {
      if (reps.length === 0) throw new ApiError('invalid-input', `Name at least one rep for "${name}", or assign it to everyone.`);
      await refuseUnknownReps(tx, reps);
    }
    await tx.run('UPDATE call_lists SET everyone = ? WHERE id = ?', [reps === 'everyone' ? 1 : 0, id]);
    await tx.run('DELETE FROM call_list_reps WHERE list_id = ?', [id]);
    if (reps !== 'everyone') for (const rep of reps) await tx.run('INSERT INTO call_list_reps (list_id, rep) VALUES (?, ?) ON CONFLICT DO NOTHING', [id, rep]);
    return listNamed(tx, name);
  });
}

/**
 * Takes a rep off one list and puts them on another. A list for everyone stays everyone's on the
 * side it is (the rep is on it anyway, and taking them off one would mean naming everyone else).
 */
export async function moveRep(q: Queryable, rep: string, from: string, to: string): Promise<CallList[]> {
  return q.transaction(async (tx) => {
    const fromId = await listIdOf(tx, from);
    const toId = await listIdOf(tx, to);
    if (fromId === toId) throw new ApiError('invalid-input', `"${from}" and "${to}" are the same list: choose another list to move ${rep} to.`);
    await refuseUnknownReps(tx, [rep]);
    const onFrom = await tx.one<{ everyone: number }>('SELECT everyone FROM call_lists WHERE id = ?', [fromId]);
    if (onFrom!.everyone === 1) throw new ApiError('invalid-input', `"${from}" is assigned to everyone: assign it to named reps first, then move ${rep}.`);
    const removed = await tx.run(`DELETE FROM call_list_reps WHERE list_id = ? AND ${tx.dialect.sameTextAs('rep')}`, [fromId, rep]);
    if (removed.changes === 0) throw new ApiError('invalid-input', `${rep} is not assigned to "${from}".`);
    // The last rep off a list leaves it with nobody: nothing of it is offered until it is assigned again.
    await tx.run('INSERT INTO call_list_reps (list_id, rep) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM call_lists WHERE id = ? AND everyone = 1) ON CONFLICT DO NOTHING', [
      toId,
      rep,
      toId,
    ]);
    return listCallLists(tx);
  });
}

export async function pauseList(q: Queryable, name: string, paused: boolean): Promise<CallList> {
  return q.transaction(async (tx) => {
    await tx.run('UPDATE call_lists SET paused = ? WHERE id = ?', [paused ? 1 : 0, await listIdOf(tx, name)]);
    return listNamed(tx, name);
  });
}

export async function setOwnerWindow(q: Queryable, name: string, minutes: number): Promise<CallList> {
  return q.transaction(async (tx) => {
    await tx.run('UPDATE call_lists SET owner_window_minutes = ? WHERE id = ?', [minutes, await listIdOf(tx, name)]);
    return listNamed(tx, name);
  });
}

async function listIdOf(q: Queryable, name: string): Promise<number> {
  const row = await q.one<{ id: number }>('SELECT id FROM call_lists WHERE name = ?', [name]);
  if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
  return Number(row.id);
}

async function listNamed(q: Queryable, name: string): Promise<CallList> {
  return (await listCallLists(q)).find((l) => l.name.toLowerCase() === name.toLowerCase())!;
}

/**
 * On the team store a rep is an account, and a name that is none is refused (a typo would hide a
 * list from everyone). A rep's own store has no accounts: any name is taken as written.
 */
async function refuseUnknownReps(q: Queryable, reps: readonly string[]): Promise<void> {
  if (q.dialect.kind !== 'postgres') return;
  const known = new Set((await q.all<{ name: string }>('SELECT name FROM accounts')).map((r) => r.name.toLowerCase()));
  const unknown = reps.filter((rep) => !known.has(rep.toLowerCase()));
  if (unknown.length) throw new ApiError('invalid-input', `No one on the team is named ${unknown.map((r) => `"${r}"`).join(', ')}: nothing was changed.`);
}
