import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { fetchAndResubmitPage, storeAndRedirectPage } from "@/lib/lti/platform-storage";

// Runs the pages' scripts against a pretend platform frame that implements lti.put_data and
// lti.get_data, to check the messages they send and what they do with the answers.

const ORIGIN = "https://lms.example.test";

function runPage(html: string, reply: (msg: Record<string, unknown>) => Record<string, unknown> | null, replyOrigin = ORIGIN) {
  const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
  const listeners: ((e: unknown) => void)[] = [];
  const sent: { msg: Record<string, unknown>; origin: string }[] = [];
  const out = { replaced: null as string | null, submitted: false, fields: {} as Record<string, { value: string }> };
  const frame = {
    postMessage(msg: Record<string, unknown>, origin: string) {
      sent.push({ msg, origin });
      const answer = reply(msg);
      if (answer) queueMicrotask(() => listeners.forEach((l) => l({ origin: replyOrigin, data: { ...answer, message_id: msg.message_id } })));
    },
  };
  const window: Record<string, unknown> = {};
  Object.assign(window, { parent: frame, opener: null });
  runInNewContext(script, {
    window,
    addEventListener: (_: string, l: (e: unknown) => void) => listeners.push(l),
    removeEventListener: (_: string, l: (e: unknown) => void) => listeners.splice(listeners.indexOf(l), 1),
    setTimeout: (fn: () => void) => setTimeout(fn, 20),
    location: { replace: (url: string) => (out.replaced = url) },
    document: {
      getElementById: (id: string) => (id === "f" ? { submit: () => (out.submitted = true) } : (out.fields[id] ??= { value: "" })),
    },
  });
  return { sent, out };
}

const tick = () => new Promise((r) => setTimeout(r, 50));

describe("platform storage page scripts", () => {
  it("puts the value in the platform frame, addressed to the platform origin, then redirects", async () => {
    const res = storeAndRedirectPage({ target: "_parent", platformOrigin: ORIGIN, key: "k1", value: "v1", authUrl: `${ORIGIN}/auth?state=s`, setCookie: "a=b" });
    const { sent, out } = runPage(await res.text(), (m) => ({ subject: `${m.subject}.response`, key: m.key }));
    await tick();
    expect(sent).toEqual([{ msg: expect.objectContaining({ subject: "lti.put_data", key: "k1", value: "v1" }), origin: ORIGIN }]);
    expect(out.replaced).toBe(`${ORIGIN}/auth?state=s`);
  });

  it("reads the value back and posts the launch again with it", async () => {
    const res = fetchAndResubmitPage({ target: "_parent", platformOrigin: ORIGIN, key: "k1", idToken: "t", state: "s", action: "http://localhost:3000/api/lti/launch" });
    const { sent, out } = runPage(await res.text(), (m) => ({ subject: "lti.get_data.response", key: m.key, value: "v1" }));
    await tick();
    expect(sent[0]).toEqual({ msg: expect.objectContaining({ subject: "lti.get_data", key: "k1" }), origin: ORIGIN });
    expect(out.fields.b!.value).toBe("v1");
    expect(out.submitted).toBe(true);
  });

  it("ignores answers from another origin and posts with no value after the wait", async () => {
    const res = fetchAndResubmitPage({ target: "_parent", platformOrigin: ORIGIN, key: "k1", idToken: "t", state: "s", action: "/x" });
    const { out } = runPage(await res.text(), () => ({ subject: "lti.get_data.response", value: "stolen" }), "https://evil.test");
    await tick();
    expect(out.fields.b!.value).toBe("");
    expect(out.submitted).toBe(true);
  });
});
