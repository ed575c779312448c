import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { Answer, AskStep } from '../../../shared/scripts/script-schema.ts';
import { isAsk } from '../../../shared/scripts/script-schema.ts';
import { answerTo } from '../../../shared/scripts/script-engine.ts';
import type { ScriptView } from '../store/script-view.ts';
import { hotkeyOf } from '../use-hotkeys.ts';

interface ScriptPanelProps {
  view: ScriptView;
  onAnswer(questionId: string, value: Answer | undefined): void;
  /** The current question's field, for the A key. */
  answerField: Ref<HTMLFormElement>;
  recommendedLabel: string | null;
}

/** The choices' number keys: 1 to 9, then 0 for the tenth. */
const NUMBER_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * The guided script: what was said and answered, the question to ask now, and which of the
 * agreed criteria are met, with the disposition they recommend. Everything is shown as text.
 * Answering is one key per answer: once the rep answers from the script, focus stays in it (the
 * next question's field, or the end of the script, where the disposition keys work again).
 */
export function ScriptPanel({ view, onAnswer, answerField, recommendedLabel }: ScriptPanelProps) {
  const { walk, answers } = view;
  const panel = useRef<HTMLDivElement>(null);
  // Set by an answer given in the script, so the question that follows takes focus; a new lead
  // (a new panel) starts with focus where the rep left it.
  const [answering, setAnswering] = useState(false);
  const answerHere = (questionId: string, value: Answer | undefined) => {
    setAnswering(true);
    onAnswer(questionId, value);
  };
  const ended = !walk.current;
  useEffect(() => {
    if (answering && ended) panel.current?.focus();
  }, [answering, ended]);

  return (
    <div className="script" aria-label="Script" ref={panel} tabIndex={-1} data-testid="script">
      <h2>
        Script · {view.name} <kbd>A</kbd>
      </h2>
      <ol className="script-steps">
        {walk.path.map((step) =>
          step === walk.current ? null : (
            <li key={step.id} className={isAsk(step) ? 'asked' : 'said'}>
              <span className="step-text">{view.render(isAsk(step) ? step.ask : step.say)}</span>
              {isAsk(step) && answerTo(answers, step.id) !== undefined && (
                <button type="button" className="answer link" onClick={() => answerHere(step.id, undefined)} title="Change this answer">
                  {formatAnswer(answerTo(answers, step.id)!)}
                </button>
              )}
            </li>
          ),
        )}
      </ol>
      {walk.current ? (
        <Question key={walk.current.id} step={walk.current} text={view.render(walk.current.ask)} onAnswer={answerHere} formRef={answerField} takeFocus={answering} />
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

interface QuestionProps {
  step: AskStep;
  text: string;
  onAnswer: ScriptPanelProps['onAnswer'];
  formRef: Ref<HTMLFormElement>;
  /** The rep just answered the question before: this one takes focus. */
  takeFocus: boolean;
}

function Question({ step, text, onAnswer, formRef, takeFocus }: QuestionProps) {
  const [value, setValue] = useState<string>('');
  const [picked, setPicked] = useState<string[]>([]);
  const fieldId = `q-${step.id}`;
  useEffect(() => {
    if (takeFocus) document.getElementById(fieldId)?.focus();
  }, [takeFocus, fieldId]);

  const submit = () => {
    if (step.type === 'several-of') return onAnswer(step.id, picked);
    if (step.type === 'number') return value === '' ? undefined : onAnswer(step.id, Number(value));
    return value.trim() === '' ? undefined : onAnswer(step.id, value.trim());
  };
  const options = step.type === 'yes-no' ? ['yes', 'no'] : (step.options ?? []);

  // A choice takes its number key; the key is the question's, never a disposition's behind it.
  const onChoiceKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      (event.target as HTMLElement).blur();
      return;
    }
    const key = hotkeyOf(event.nativeEvent);
    const index = key === null ? -1 : NUMBER_KEYS.indexOf(key);
    if (index < 0 && event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter') {
      if (step.type === 'several-of') submit();
      else (event.target as HTMLElement).closest('button')?.click();
      return;
    }
    const option = options[index];
    if (option === undefined) return;
    if (step.type === 'several-of') setPicked((now) => (now.includes(option) ? now.filter((p) => p !== option) : [...now, option]));
    else onAnswer(step.id, option);
  };

  return (
    <form
      ref={formRef}
      className="question"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {step.type === 'yes-no' || step.type === 'one-of' ? (
        <>
          <span id={`${fieldId}-text`} className="question-text">
            {text}
          </span>
          <div id={fieldId} className="choices" role="group" aria-labelledby={`${fieldId}-text`} tabIndex={0} data-answer-field onKeyDown={onChoiceKey}>
            {options.map((o, i) => (
              <button key={o} type="button" className="choice-button" onClick={() => onAnswer(step.id, o)}>
                {NUMBER_KEYS[i] !== undefined && <kbd>{NUMBER_KEYS[i]}</kbd>} {o}
              </button>
            ))}
          </div>
          <span className="muted question-hint">Number key to answer · Esc leaves the script</span>
        </>
      ) : (
        <>
          <label htmlFor={fieldId} className="question-text">
            {text}
          </label>
          {step.type === 'several-of' && (
            <fieldset id={fieldId} tabIndex={0} data-answer-field onKeyDown={onChoiceKey} aria-label={text}>
              {options.map((o, i) => (
                <label key={o} className="choice">
                  <input
                    type="checkbox"
                    checked={picked.includes(o)}
                    onChange={(event) => setPicked(event.target.checked ? [...picked, o] : picked.filter((p) => p !== o))}
                  />
                  {NUMBER_KEYS[i] !== undefined && <kbd>{NUMBER_KEYS[i]}</kbd>} {o}
                </label>
              ))}
            </fieldset>
          )}
          {step.type === 'number' && <input id={fieldId} data-answer-field type="number" value={value} onChange={(event) => setValue(event.target.value)} />}
          {step.type === 'date' && <input id={fieldId} data-answer-field type="date" value={value} onChange={(event) => setValue(event.target.value)} />}
          {step.type === 'text' && <input id={fieldId} data-answer-field type="text" value={value} onChange={(event) => setValue(event.target.value)} maxLength={5000} />}
          <button type="submit">
            Answer <kbd>Enter</kbd>
          </button>
        </>
      )}
    </form>
  );
}
