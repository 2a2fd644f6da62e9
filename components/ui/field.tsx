import { inputClass } from "./form-state";

type FieldProps = {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  defaultValue?: string;
  placeholder?: string;
  multiline?: boolean;
  mono?: boolean;
  required?: boolean;
  /** Shown and submitted, not editable (values that identify people once they came in). */
  readOnly?: boolean;
  type?: "text" | "email" | "password" | "search" | "url" | "number";
  /** Browsers fill nothing unless told: "email", "current-password", "new-password"... */
  autoComplete?: string;
};

/** A labelled input with its hint and, after a failed save, its message right underneath. */
export function Field({ name, label, hint, error, defaultValue, placeholder, multiline, mono, required, readOnly, type = "text", autoComplete = "off" }: FieldProps) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const shared = {
    id: name, name, defaultValue, placeholder, required, readOnly,
    "aria-invalid": error ? true : undefined, "aria-describedby": describedBy,
    className: `${readOnly ? inputClass.replace("bg-white", "bg-stone-100 text-stone-600") : inputClass} ${mono ? "font-mono" : ""}`,
    spellCheck: false, autoComplete,
  };
  return (
    <div>
      <label htmlFor={name} className="text-sm font-medium text-stone-800">{label}</label>
      {multiline ? <textarea rows={3} {...shared} /> : <input type={type} {...shared} />}
      {hint && <p id={`${name}-hint`} className="mt-1 text-xs text-stone-600">{hint}</p>}
      <FieldError name={name} error={error} />
    </div>
  );
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  if (!error) return null;
  return <p id={`${name}-error`} role="alert" className="mt-1 text-sm text-red-700">{error}</p>;
}

/** The sentence above a form after saving: green when saved, red when something needs fixing. */
export function FormMessage({ message, ok }: { message?: string; ok?: boolean }) {
  if (!message) return null;
  return (
    <p role={ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
      {message}
    </p>
  );
}
