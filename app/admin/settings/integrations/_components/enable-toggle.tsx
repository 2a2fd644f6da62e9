import { setEnabledAction } from "../actions";
import { secondaryButtonClass } from "@/components/ui/form-state";

/** One button that flips the integration on or off (a plain form: works before hydration too). */
export function EnableToggle({ id, enabled }: { id: string; enabled: boolean }) {
  return (
    <form action={setEnabledAction.bind(null, id, !enabled)}>
      <button type="submit" className={secondaryButtonClass} title={enabled ? "Refuse new launches; people keep their accounts and access" : "Accept launches again"}>
        {enabled ? "Disable" : "Enable"}
      </button>
    </form>
  );
}
