import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_OWNER_WINDOW_MINUTES, type CallList } from '../../../../shared/call-lists.ts';
import type { Person } from '../../../../shared/people.ts';
import { messageOf } from '../../store/error-message.ts';
import { selectMay } from '../../store/console-state.ts';
import { useApi, useApp } from '../../store/store-context.tsx';
import { useDialogFocus } from '../../use-dialog-focus.ts';
import { useEscapeToClose } from '../../use-hotkeys.ts';
import { ROLE_NAMES } from '../sign-in/signed-in-person.tsx';

/** What the last change to a list came to, in a sentence: done, or refused and why. */
type Said = { kind: 'done' | 'refused'; text: string };

/**
 * A team lead's lists and reps (team server): per call list, who works it (everyone, or the reps
 * ticked), whether it runs, how long a lead waits for its owner, and moving a rep to another list.
 * Every change is one call; the queue enforces it at once, and consoles holding a lead of a list
 * that is no longer theirs let it go (main announces the change).
 */
export function ListRepsScreen({ onClose }: { onClose(): void }) {
  const call = useApi();
  const [lists, setLists] = useState<CallList[] | null>(null);
  const [team, setTeam] = useState<Person[]>([]);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<Record<string, Said>>({});

  const load = useCallback(async () => {
    try {
      const [l, t] = await Promise.all([call('lists.list', {}), call('people.list', {})]);
      setLists(l);
      setTeam(t);
    } catch (error) {
      setLoadProblem(`The lists could not be read. ${messageOf(error)}`);
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const card = useRef<HTMLDivElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(card, lists !== null || loadProblem !== null);

  /** Runs one change of `list`; says what came of it beside the list, and reads the lists again. */
  const change = async (list: string, work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setSaid((s) => ({ ...s, [list]: { kind: 'done', text: done } }));
      await load();
    } catch (error) {
      setSaid((s) => ({ ...s, [list]: { kind: 'refused', text: messageOf(error) } }));
    }
  };
  const refuse = (list: string, text: string) => setSaid((s) => ({ ...s, [list]: { kind: 'refused', text } }));

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="list-reps-title">
      <div ref={card} className="overlay-card list-reps" data-testid="list-reps">
        <header className="list-reps-head">
          <h2 id="list-reps-title">Lists and reps</h2>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <p className="muted">Who works each call list, whether it runs, and how long a lead waits for its owner. A change reaches every console at once.</p>
        {loadProblem && <p role="alert">{loadProblem}</p>}
        {lists && lists.length === 0 && <p>There are no call lists yet: import leads into a list first.</p>}
        {lists?.map((list) => (
          <ListRow key={list.name} list={list} lists={lists} team={team} said={said[list.name]} change={change} refuse={refuse} />
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  list: CallList;
  lists: CallList[];
  team: Person[];
  said: Said | undefined;
  change(list: string, work: () => Promise<unknown>, done: string): Promise<void>;
  refuse(list: string, text: string): void;
}

function ListRow({ list, lists, team, said, change, refuse }: RowProps) {
  const call = useApi();
  const id = `list-${lists.indexOf(list)}`;
  return (
    <fieldset className="list-reps-row" data-testid="list-reps-row" data-list={list.name} aria-describedby={said ? `${id}-said` : undefined}>
      <legend>
        {list.name} <span className="muted">· {list.leads.toLocaleString()} leads ·</span>{' '}
        <span className={list.paused ? 'list-state paused' : 'list-state'}>{list.paused ? 'Paused' : 'Running'}</span>
      </legend>
      {/* Keyed by what was saved: a change read back starts the choice afresh. */}
      <WhoWorksIt key={JSON.stringify(list.reps)} list={list} team={team} change={change} refuse={refuse} />
      <div className="list-reps-controls">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void change(
              list.name,
              () => call('lists.pause', { listName: list.name, paused: !list.paused }),
              list.paused ? `${list.name} runs again.` : `${list.name} is paused: its leads are offered to no one until you resume it.`,
            )
          }
        >
          {list.paused ? 'Resume' : 'Pause'}
        </button>
        <OwnerWindow key={list.ownerWindowMinutes} list={list} change={change} refuse={refuse} />
      </div>
      <MoveRep list={list} lists={lists} change={change} />
      {said && (
        <p id={`${id}-said`} className={said.kind === 'refused' ? 'list-said refused' : 'list-said'} role={said.kind === 'refused' ? 'alert' : 'status'}>
          {said.text}
        </p>
      )}
    </fieldset>
  );
}

/** Everyone, or the reps ticked: choosing Everyone applies at once; named reps apply with their button. */
function WhoWorksIt({ list, team, change, refuse }: Pick<RowProps, 'list' | 'team' | 'change' | 'refuse'>) {
  const call = useApi();
  const [named, setNamed] = useState(list.reps !== 'everyone');
  const [ticked, setTicked] = useState<string[]>(list.reps === 'everyone' ? [] : list.reps);
  const isTicked = (name: string) => ticked.some((t) => t.toLowerCase() === name.toLowerCase());
  return (
    <div className="list-who" role="group" aria-label={`Who works ${list.name}`}>
      <label>
        <input
          type="radio"
          name={`who-${list.name}`}
          checked={!named}
          onChange={() => {
            setNamed(false);
            if (list.reps !== 'everyone') void change(list.name, () => call('lists.assign', { listName: list.name, reps: 'everyone' }), `Everyone works ${list.name}.`);
          }}
        />{' '}
        Everyone
      </label>
      <label>
        <input type="radio" name={`who-${list.name}`} checked={named} onChange={() => setNamed(true)} /> Only these reps:
      </label>
      {named && (
        <>
          {team.map((person) => (
            <label key={person.id} className="list-rep">
              <input
                type="checkbox"
                checked={isTicked(person.name)}
                onChange={(event) => setTicked(event.target.checked ? [...ticked, person.name] : ticked.filter((t) => t.toLowerCase() !== person.name.toLowerCase()))}
              />{' '}
              {person.name}
              {person.role !== 'rep' && <span className="muted"> ({ROLE_NAMES[person.role].toLowerCase()})</span>}
            </label>
          ))}
          <button
            type="button"
            onClick={() => {
              if (ticked.length === 0) return refuse(list.name, `Tick at least one rep for ${list.name}, or choose Everyone: nothing was changed.`);
              void change(list.name, () => call('lists.assign', { listName: list.name, reps: ticked }), `${list.name} is worked by ${ticked.join(', ')} only.`);
            }}
          >
            Assign to {ticked.length === 1 ? '1 rep' : `${ticked.length} reps`}
          </button>
        </>
      )}
    </div>
  );
}

function OwnerWindow({ list, change, refuse }: Pick<RowProps, 'list' | 'change' | 'refuse'>) {
  const call = useApi();
  const [minutes, setMinutes] = useState(String(list.ownerWindowMinutes));
  return (
    <form
      className="list-owner-window"
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(minutes.trim());
        if (minutes.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_OWNER_WINDOW_MINUTES) {
          return refuse(list.name, `The owner window is whole minutes from 0 to ${MAX_OWNER_WINDOW_MINUTES.toLocaleString()} (a week): "${minutes}" is not; nothing was changed.`);
        }
        void change(
          list.name,
          () => call('lists.ownerWindow', { listName: list.name, minutes: value }),
          value === 0 ? `${list.name}: no lead waits for its owner.` : `${list.name}: a lead another rep owns waits ${value} min for its owner, then anyone may have it.`,
        );
      }}
    >
      <label>
        Owner window <input type="text" inputMode="numeric" size={5} value={minutes} onChange={(event) => setMinutes(event.target.value)} /> min
      </label>
      <button type="submit" className="secondary">
        Set
      </button>
    </form>
  );
}

/** Takes a rep off this list and onto another (this list must have named reps). */
function MoveRep({ list, lists, change }: Pick<RowProps, 'list' | 'lists' | 'change'>) {
  const call = useApi();
  const others = lists.filter((l) => l.name !== list.name);
  const [rep, setRep] = useState('');
  const [to, setTo] = useState('');
  if (others.length === 0) return null;
  const reps = list.reps;
  if (reps === 'everyone') return <p className="muted list-move">Everyone works {list.name}: give it named reps to move one of them to another list.</p>;
  if (reps.length === 0) return <p className="list-move list-nobody">Nobody works {list.name} now: its leads are offered to no one until you tick reps or choose Everyone.</p>;
  // What the selects show: the choice made, while it is still on offer (the lists change under them).
  const who = reps.find((r) => r === rep) ?? reps[0] ?? '';
  const target = others.find((l) => l.name === to)?.name ?? others[0]!.name;
  return (
    <form
      className="list-move"
      onSubmit={(event) => {
        event.preventDefault();
        void change(list.name, () => call('lists.moveRep', { rep: who, from: list.name, to: target }), `${who} moved from ${list.name} to ${target}.`);
      }}
    >
      <label>
        Move{' '}
        <select value={who} onChange={(event) => setRep(event.target.value)}>
          {reps.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        to{' '}
        <select value={target} onChange={(event) => setTo(event.target.value)}>
          {others.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary">
        Move
      </button>
    </form>
  );
}

/** The top bar's way in, for a team lead or an admin signed in to the team server; nothing for anyone else. */
export function ListRepsButton() {
  const signedIn = useApp((s) => Boolean(s.signInState?.signInRequired && s.signInState.person));
  const mayAssign = useApp(selectMay('lists.assign'));
  const panel = useApp((s) => s.panel);
  const openPanel = useApp((s) => s.openPanel);
  const closePanel = useApp((s) => s.closePanel);
  if (!signedIn || !mayAssign) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => openPanel('lists')} title="Who works each call list, whether it runs, the owner window">
        Lists
      </button>
      {panel === 'lists' && <ListRepsScreen onClose={closePanel} />}
    </>
  );
}
