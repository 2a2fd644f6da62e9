import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readBodyText, SMALL_BODY_BYTES } from "@/lib/http/body";
import { handleRoute, readJson } from "@/lib/http/handle-route";
import { readFormPost } from "@/lib/http/form-post";
import { streamingPost } from "@/tests/support/counting-body";

const ctx = { params: Promise.resolve({}) };
const URL_ = "http://localhost:3000/x";

describe("capped body reading", () => {
  it("stops reading a body without Content-Length at the cap", async () => {
    const { request, pulled } = streamingPost(URL_, 8 * 1024 * 1024, { "content-type": "application/json" });
    await expect(readBodyText(request, SMALL_BODY_BYTES)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(pulled()).toBeLessThanOrEqual(SMALL_BODY_BYTES + 128 * 1024);
  });

  it("refuses an over-cap Content-Length before reading a byte", async () => {
    const { request, pulled } = streamingPost(URL_, 1024 * 1024, { "content-type": "application/json", "content-length": String(400 * 1024 * 1024) });
    await expect(readBodyText(request, SMALL_BODY_BYTES)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled()).toBe(0);
  });

  it("reads a body under the cap", async () => {
    const request = new Request(URL_, { method: "POST", body: "héllo" });
    expect(await readBodyText(request, 10)).toBe("héllo");
  });
});

describe("readJson", () => {
  const echo = handleRoute(async (request) => Response.json(await readJson(request, z.unknown())));

  it("answers 413 for a streamed body past the cap, without reading the rest", async () => {
    const { request, pulled } = streamingPost(URL_, 8 * 1024 * 1024, { "content-type": "application/json" });
    const response = await echo(request, ctx);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThan(1024 * 1024);
  });

  it("answers 415 for a body that is not JSON", async () => {
    const { request, pulled } = streamingPost(URL_, 1024, { "content-type": "multipart/form-data; boundary=x" });
    const response = await echo(request, ctx);
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(pulled()).toBe(0);
  });
});

describe("readFormPost (the LTI route handlers)", () => {
  it("refuses a multipart POST with 415 before reading it", async () => {
    const { request, pulled } = streamingPost(URL_, 8 * 1024 * 1024, { "content-type": "multipart/form-data; boundary=x" });
    const answer = await readFormPost(request);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(415);
    expect(pulled()).toBe(0);
  });

  it("refuses a form past the cap with 413, declared or streamed", async () => {
    const declared = streamingPost(URL_, 1024, { "content-type": "application/x-www-form-urlencoded", "content-length": String(SMALL_BODY_BYTES + 1) });
    expect(((await readFormPost(declared.request)) as Response).status).toBe(413);
    expect(declared.pulled()).toBe(0);
    const streamed = streamingPost(URL_, 8 * 1024 * 1024, { "content-type": "application/x-www-form-urlencoded" });
    expect(((await readFormPost(streamed.request)) as Response).status).toBe(413);
    expect(streamed.pulled()).toBeLessThan(1024 * 1024);
  });

  it("passes a form on with its body already read", async () => {
    const request = new Request(URL_, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: "id_token=a&state=b" });
    const read = await readFormPost(request);
    expect(read).not.toBeInstanceOf(Response);
    expect(await (read as { text(): Promise<string> }).text()).toBe("id_token=a&state=b");
  });
});
