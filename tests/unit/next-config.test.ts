import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

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
});
