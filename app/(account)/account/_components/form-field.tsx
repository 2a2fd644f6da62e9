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
  return (
    <label className="block">
      <span className="text-sm font-medium">{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 shadow-sm focus:border-brand ${props.error ? "border-red-400" : "border-stone-300"}`}
      />
      {props.hint && !props.error && <span className="mt-1 block text-xs text-stone-500">{props.hint}</span>}
      {props.error && <span id={errorId} className="mt-1 block text-sm text-red-700">{props.error}</span>}
    </label>
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
