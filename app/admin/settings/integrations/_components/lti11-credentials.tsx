import { revealSecretAction, rotateSecretAction } from "../actions";
import { CopyValue } from "./copy-value";
import { SecretPanel } from "./secret-panel";

/** The three values an institution enters for an LTI 1.1 tool. */
export function Lti11Credentials({ id, launchUrl, consumerKey, hasSecret }: { id: string; launchUrl: string; consumerKey: string | null; hasSecret: boolean }) {
  return (
    <dl className="divide-y divide-stone-100">
      <CopyValue label="Launch URL" value={launchUrl} hint="Also called tool URL or URL. Moodle: Tool URL; Canvas: Launch URL; Blackboard: Provider Domain + URL." />
      <CopyValue label="Consumer key" value={consumerKey ?? "—"} hint="Also called key or tool key." />
      <SecretPanel reveal={revealSecretAction.bind(null, id)} rotate={rotateSecretAction.bind(null, id)} hasSecret={hasSecret} />
    </dl>
  );
}
