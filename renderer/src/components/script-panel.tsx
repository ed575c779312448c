import { useState, type Ref } from 'react';
import type { Answer, AskStep } from '../../../shared/scripts/script-schema.ts';
import { isAsk } from '../../../shared/scripts/script-schema.ts';
import { answerTo } from '../../../shared/scripts/script-engine.ts';
import type { ScriptView } from '../store/script-slice.ts';

interface ScriptPanelProps {
  view: ScriptView;
  onAnswer(questionId: string, value: Answer | undefined): void;
  /** The current question's field, for the A key. */
  answerField: Ref<HTMLFormElement>;
  recommendedLabel: string | null;
}

/**
 * The guided script: what was said and answered, the question to ask now, and which of the
 * agreed criteria are met, with the disposition they recommend. Everything is shown as text.
 */
export function ScriptPanel({ view, onAnswer, answerField, recommendedLabel }: ScriptPanelProps) {
  const { walk, answers } = view;
  return (
    <div className="script" aria-label="Script">
      <h2>
        Script · {view.name} <kbd>A</kbd>
      </h2>
      <ol className="script-steps">
        {walk.path.map((step) =>
          step === walk.current ? null : (
            <li key={step.id} className={isAsk(step) ? 'asked' : 'said'}>
              <span className="step-text">{view.render(isAsk(step) ? step.ask : step.say)}</span>
              {isAsk(step) && answerTo(answers, step.id) !== undefined && (
                <button type="button" className="answer link" onClick={() => onAnswer(step.id, undefined)} title="Change this answer">
                  {formatAnswer(answerTo(answers, step.id)!)}
                </button>
              )}
            </li>
          ),
        )}
      </ol>
      {walk.current ? (
        <Question key={walk.current.id} step={walk.current} text={view.render(walk.current.ask)} onAnswer={onAnswer} formRef={answerField} />
      ) : (
        <p className="muted">End of the script.</p>
      )}
      <ul className="criteria" aria-label="Qualification criteria">
        {view.criteria.map((c) => (
          <li key={c.id} className={c.met ? 'met' : 'unmet'}>
            <span aria-hidden="true">{c.met ? '✓' : '○'}</span> {c.label}
            <span className="visually-hidden">{c.met ? ' (met)' : ' (not met)'}</span>
          </li>
        ))}
      </ul>
      {view.recommendation && recommendedLabel && (
        <p className="recommendation" data-testid="recommendation">
          Recommended: <strong>{recommendedLabel}</strong> — {view.recommendation.because}
        </p>
      )}
    </div>
  );
}

function formatAnswer(answer: Answer): string {
  return Array.isArray(answer) ? answer.join(', ') : String(answer);
}

function Question({ step, text, onAnswer, formRef }: { step: AskStep; text: string; onAnswer: ScriptPanelProps['onAnswer']; formRef: Ref<HTMLFormElement> }) {
  const [value, setValue] = useState<string>('');
  const [picked, setPicked] = useState<string[]>([]);
  const submit = () => {
    if (step.type === 'several-of') return onAnswer(step.id, picked);
    if (step.type === 'number') return value === '' ? undefined : onAnswer(step.id, Number(value));
    return value.trim() === '' ? undefined : onAnswer(step.id, value.trim());
  };
  const options = step.type === 'yes-no' ? ['yes', 'no'] : (step.options ?? []);
  return (
    <form
      ref={formRef}
      className="question"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`q-${step.id}`} className="question-text">
        {text}
      </label>
      {(step.type === 'yes-no' || step.type === 'one-of') && (
        <select
          id={`q-${step.id}`}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          // A list box does not submit its form on Enter by itself; the rep expects it to.
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
        >
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
      {step.type === 'several-of' && (
        <fieldset id={`q-${step.id}`}>
          {options.map((o) => (
            <label key={o} className="choice">
              <input
                type="checkbox"
                checked={picked.includes(o)}
                onChange={(event) => setPicked(event.target.checked ? [...picked, o] : picked.filter((p) => p !== o))}
              />
              {o}
            </label>
          ))}
        </fieldset>
      )}
      {step.type === 'number' && <input id={`q-${step.id}`} type="number" value={value} onChange={(event) => setValue(event.target.value)} />}
      {step.type === 'date' && <input id={`q-${step.id}`} type="date" value={value} onChange={(event) => setValue(event.target.value)} />}
      {step.type === 'text' && <input id={`q-${step.id}`} type="text" value={value} onChange={(event) => setValue(event.target.value)} maxLength={5000} />}
      <button type="submit">
        Answer <kbd>Enter</kbd>
      </button>
    </form>
  );
}
