/**
 * The daylight-saving question in words, with its two readings as buttons: Tab reaches them,
 * Enter or Space answers. Shared by the block editor and the typed entry, so both ask alike.
 */
import type { Ref } from 'react';
import type { WallTimeQuestion } from './wall-time-question.ts';

export function WallTimeQuestionView({
  question,
  id,
  onChoose,
  firstChoiceRef,
  textElsewhere,
}: {
  question: WallTimeQuestion;
  /** Prefix for the ids inside; the text is `${id}-text`, the choices `${id}-choice-0` and `-1`. */
  id: string;
  onChoose: (key: string, at: number) => void;
  firstChoiceRef?: Ref<HTMLButtonElement>;
  /** The id of an element already showing the question (a live preview), so it is not shown twice. */
  textElsewhere?: string;
}) {
  return (
    <div className="banner dst-question" role="group" aria-labelledby={textElsewhere ?? `${id}-text`}>
      {textElsewhere === undefined && <p id={`${id}-text`}>{question.text}</p>}
      <div className="button-row">
        {question.choices.map((choice, index) => (
          <button
            key={choice.at}
            id={`${id}-choice-${index}`}
            ref={index === 0 ? firstChoiceRef : undefined}
            type="button"
            className="button"
            onClick={() => onChoose(question.key, choice.at)}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
