import type { ReactNode } from 'react';

/** A group of radio buttons, each with an optional line of explanation; `children` go under them (a field the choice opens). */
export function Choice<Value extends string>(props: {
  legend: string;
  name: string;
  value: Value;
  options: { value: Value; label: string; hint?: string }[];
  onChange: (value: Value) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="check">
          <input type="radio" name={props.name} checked={props.value === option.value} onChange={() => props.onChange(option.value)} />
          <span>
            {option.label}
            {option.hint && (
              <>
                <br />
                <span className="hint">{option.hint}</span>
              </>
            )}
          </span>
        </label>
      ))}
      {props.children}
    </fieldset>
  );
}
