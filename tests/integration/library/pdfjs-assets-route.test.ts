import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/pdfjs/[version]/[...path]/route";
import { pdfjsVersion } from "@/lib/publications/pdf-viewer/pdfjs-assets";

const get = (version: string, path: string[]) =>
  GET(new Request(`http://localhost:3000/api/pdfjs/${version}/${path.join("/")}`), { params: Promise.resolve({ version, path }) });

describe("pdf.js files for the reader", () => {
  it("serves the worker of the installed version as JavaScript, cached for good, under a CSP without eval", async () => {
    const version = await pdfjsVersion();
    const response = await get(version, ["pdf.worker.min.mjs"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("immutable");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await get(version, ["standard_fonts", "FoxitSerif.pfb"])).status).toBe(200);
  });

  it("serves nothing else: not the scripting sandbox, not another version, not a path out of the package", async () => {
    const version = await pdfjsVersion();
    for (const [v, path] of [
      [version, ["wasm", "quickjs-eval.wasm"]], [version, ["wasm", "quickjs-eval.js"]], [version, ["pdf.sandbox.min.mjs"]],
      ["1.0.0", ["pdf.worker.min.mjs"]], [version, ["..", "package.json"]], [version, ["standard_fonts", "..%2fLICENSE"]], ["latest", ["pdf.worker.min.mjs"]],
    ] as [string, string[]][]) {
      expect((await get(v, path)).status).toBe(404);
    }
  });
});
