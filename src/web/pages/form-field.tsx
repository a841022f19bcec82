/**
 * One form field by its type: text input, textarea, date input, yes/no radios or a select.
 * The label is bound to the control, and an error is tied to it with aria-describedby.
 */
import type { FormFieldDef, UiLanguage } from "../../templates/model.ts";
import { FIELD_PREFIX, type FieldError } from "../form-values.ts";
import { MESSAGES, type Messages } from "../messages.ts";

export interface FieldProps {
  field: FormFieldDef;
  value: string;
  error: FieldError | undefined;
  ui: UiLanguage;
}

/** The control an error summary link moves to: the first radio of a yes/no question. */
export function controlId(field: FormFieldDef): string {
  return field.type === "yesno" ? `field-${field.id}-yes` : `field-${field.id}`;
}

export function FormField(props: FieldProps) {
  const { field, ui } = props;
  const m = MESSAGES[ui];
  const id = `field-${field.id}`;
  const errorId = `${id}-error`;
  const describedBy = props.error ? errorId : undefined;
  const invalid = props.error ? "true" : undefined;
  const name = `${FIELD_PREFIX}${field.id}`;
  const label = (
    <>
      {field.label[ui]}
      {field.required && <span class="hint"> ({m.required})</span>}
    </>
  );
  const error = props.error && (
    <p class="error" id={errorId}>
      {errorText(m, props.error)}
    </p>
  );

  if (field.type === "yesno") {
    return (
      <fieldset aria-describedby={describedBy} aria-invalid={invalid}>
        <legend>{label}</legend>
        <div class="options">
          <span class="option">
            <input
              type="radio"
              id={`${id}-yes`}
              name={name}
              value="true"
              checked={props.value === "true"}
            />
            <label for={`${id}-yes`}>{m.yes}</label>
          </span>
          <span class="option">
            <input
              type="radio"
              id={`${id}-no`}
              name={name}
              value="false"
              checked={props.value === "false"}
            />
            <label for={`${id}-no`}>{m.no}</label>
          </span>
        </div>
        {error}
      </fieldset>
    );
  }

  const common = {
    id,
    name,
    required: field.required,
    "aria-describedby": describedBy,
    "aria-invalid": invalid,
  };
  return (
    <div>
      <label for={id}>{label}</label>
      {field.type === "multiline" && <textarea {...common}>{props.value}</textarea>}
      {field.type === "text" && <input type="text" {...common} value={props.value} />}
      {field.type === "date" && <input type="date" {...common} value={props.value} />}
      {field.type === "choice" && (
        <select {...common}>
          <option value="" selected={props.value === ""}>
            {m.pleaseChoose}
          </option>
          {field.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label[ui]}
            </option>
          ))}
        </select>
      )}
      {error}
    </div>
  );
}

/** What an error says under its field and in the form's error summary. */
export function errorText(m: Messages, error: FieldError): string {
  switch (error) {
    case "required":
      return m.errorRequired;
    case "date":
      return m.errorDate;
    case "choice":
      return m.errorChoice;
  }
}
