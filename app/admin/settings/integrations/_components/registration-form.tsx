"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { initialFormState, primaryButtonClass, type FormState } from "@/components/ui/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  current: { issuer: string; clientId: string; deploymentIds: string; authUrl: string; tokenUrl: string; jwksUrl: string };
  locked: boolean;
};

/** What the LMS shows once the tool is registered there (LTI 1.3). Any of it may come later. */
export function RegistrationForm({ action, current, locked }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = { ...current, ...state.values };
  const e = state.fields ?? {};
  const idHint = locked ? "People already came in with this value; it can't change (they would get new accounts)." : undefined;
  return (
    <form key={state.version} action={formAction} className="space-y-4" noValidate>
      <FormMessage message={state.message} ok={state.ok} />
      <Field name="issuer" label="Issuer (Platform ID)" mono defaultValue={v.issuer} error={e.issuer} placeholder="https://lms.example.edu" hint={idHint} readOnly={locked} />
      <Field name="clientId" label="Client ID" mono defaultValue={v.clientId} error={e.clientId} hint={idHint} readOnly={locked} />
      <Field name="deploymentIds" label="Deployment ID(s)" mono multiline defaultValue={v.deploymentIds} error={e.deploymentIds}
        hint="One per line. Each place the tool is deployed in the LMS has its own." />
      <Field name="authUrl" label="Authentication request URL (OIDC auth endpoint)" mono defaultValue={v.authUrl} error={e.authUrl} placeholder="https://lms.example.edu/…/auth" />
      <Field name="tokenUrl" label="Access token URL" mono defaultValue={v.tokenUrl} error={e.tokenUrl} placeholder="https://lms.example.edu/…/token" />
      <Field name="jwksUrl" label="Platform public keyset (JWKS) URL" mono defaultValue={v.jwksUrl} error={e.jwksUrl} placeholder="https://lms.example.edu/…/certs" />
      <button type="submit" disabled={pending} className={primaryButtonClass}>{pending ? "Saving…" : "Save LMS values"}</button>
    </form>
  );
}
