import { describe, expect, it } from "vitest";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";
import config from "@/next.config";

const nextConfig = config(PHASE_PRODUCTION_BUILD);

describe("next.config", () => {
  // Next parses a server action's whole body before the action runs (and so before it can check
  // who is asking): anonymous 55 MB posts took a server from 178 to 956 MB. Uploads have a
  // route handler of their own; actions stay small.
  it("keeps server action bodies at 1 MB or less", () => {
    const limit = String(nextConfig.experimental?.serverActions?.bodySizeLimit ?? "1mb");
    const match = /^(\d+)(kb|mb)$/i.exec(limit);
    expect(match, limit).not.toBeNull();
    const bytes = Number(match![1]) * (match![2]!.toLowerCase() === "mb" ? 1024 * 1024 : 1024);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it("keeps the copy of a page POST's body that the proxy makes at 1 MB", () => {
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe("1mb");
  });

  // The library page is served from cache and skips proxy.ts: its headers come from here.
  it("gives the cached library page its CSP and frame rule, with eval only in development", async () => {
    const find = async (phase: string) => {
      const rules = await config(phase).headers!();
      const csp = rules.find((r) => r.source === "/library")?.headers.find((h) => h.key === "content-security-policy")?.value;
      expect(csp, phase).toBeTruthy();
      return csp!;
    };
    const production = await find(PHASE_PRODUCTION_BUILD);
    expect(production).toContain("frame-ancestors 'self' https:");
    expect(production).toContain("object-src 'none'");
    expect(production).not.toContain("unsafe-eval");
    expect(await find(PHASE_DEVELOPMENT_SERVER)).toContain("'unsafe-eval'");
  });
});
