import type { CanvasConfiguration } from "@/lib/lti/canvas-config";
import { CopyButton } from "./copy-button";
import { CopyValue } from "./copy-value";

/** The Canvas developer-key configuration: its URL (Canvas fetches it) and the JSON to paste. */
export function CanvasConfig({ url, config }: { url: string; config: CanvasConfiguration }) {
  const text = JSON.stringify(config, null, 2);
  return (
    <div>
      <dl>
        <CopyValue label="Configuration URL" value={url} hint="Canvas: Admin → Developer Keys → + Developer Key → + LTI Key → Method: Enter URL. Or choose Paste JSON and paste the JSON below." />
      </dl>
      <details className="group mt-1">
        <summary className="cursor-pointer text-sm font-medium text-brand hover:underline">Show the JSON</summary>
        <div className="mt-2 flex items-start gap-2">
          <pre className="max-h-80 min-w-0 flex-1 overflow-auto rounded-md bg-stone-50 p-3 font-mono text-xs text-stone-800 ring-1 ring-stone-200">{text}</pre>
          <CopyButton value={text} label="Copy JSON" ariaLabel="Copy the Canvas configuration JSON" />
        </div>
      </details>
    </div>
  );
}
