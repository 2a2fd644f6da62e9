/** A labelled input with its error underneath, linked for screen readers. */
export function FormField(props: {
  name: string;
  label: string;
  type?: "email" | "password" | "text";
  autoComplete?: string;
  defaultValue?: string;
  hint?: string;
  error?: string;
}) {
  const errorId = `${props.name}-error`;
  const hintId = `${props.name}-hint`;
  // The hint and the error describe the field; they are not part of its name.
  const describedBy = props.error ? errorId : props.hint ? hintId : undefined;
  return (
    <div>
      <label htmlFor={props.name} className="text-sm font-medium">{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 shadow-sm focus:border-brand ${props.error ? "border-red-400" : "border-stone-300"}`}
      />
      {props.hint && !props.error && <p id={hintId} className="mt-1 text-xs text-stone-500">{props.hint}</p>}
      {props.error && <p id={errorId} className="mt-1 text-sm text-red-700">{props.error}</p>}
    </div>
  );
}

export function FormStatus({ ok, message }: { ok: boolean; message: string | null }) {
  if (!message) return null;
  return (
    <p role={ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
      {message}
    </p>
  );
}
