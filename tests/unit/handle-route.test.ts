import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handleRoute, readJson } from "@/lib/http/handle-route";

const ctx = { params: Promise.resolve({}) };

describe("handleRoute", () => {
  it("turns zod errors into 422, AppErrors into their status, anything else into a 500 with a request id", async () => {
    const zod = handleRoute(async (request) => Response.json(await readJson(request, z.object({ n: z.number() }))));
    const bad = await zod(new Request("http://localhost:3000/x", { method: "POST", headers: { "content-type": "application/json" }, body: '{"n":"1"}' }), ctx);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({ code: "BAD_INPUT", fields: { n: expect.any(String) } });

    const conflict = await handleRoute(() => { throw new AppError("CONFLICT", "Taken."); })(new Request("http://localhost:3000/x"), ctx);
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error).toEqual({ code: "CONFLICT", message: "Taken." });

    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const crash = await handleRoute(() => { throw new Error("db password is hunter2"); })(new Request("http://localhost:3000/x"), ctx);
    expect(crash.status).toBe(500);
    const body = await crash.json();
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.error.message).toContain(body.error.requestId);
    expect(logged).toHaveBeenCalledOnce();
  });

  it("refuses cross-site writes and non-JSON bodies", async () => {
    const echo = handleRoute(async (request) => Response.json(await readJson(request, z.unknown())));
    const foreign = await echo(new Request("http://localhost:3000/x", { method: "POST", headers: { origin: "https://evil.test", "content-type": "application/json" }, body: "{}" }), ctx);
    expect(foreign.status).toBe(403);
    const form = await echo(new Request("http://localhost:3000/x", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }), ctx);
    expect(form.status).toBe(415);
  });
});
