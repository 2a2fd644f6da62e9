import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { describe, expect, it } from "vitest";
import { percentEncode } from "@/lib/lti/lti11/percent-encode";
import { readRequestParams } from "@/lib/lti/lti11/request-params";
import { hmacSha1Signature, signatureBaseString, signaturesMatch, type OAuthParam } from "@/lib/lti/lti11/signature";

describe("OAuth 1.0a signature (RFC 5849)", () => {
  it("percent-encodes per RFC 3986, over UTF-8, with upper-case hex", () => {
    expect(percentEncode("Ladies + Gentlemen")).toBe("Ladies%20%2B%20Gentlemen");
    expect(percentEncode("An encoded string!")).toBe("An%20encoded%20string%21");
    expect(percentEncode("Dogs, Cats & Mice")).toBe("Dogs%2C%20Cats%20%26%20Mice");
    expect(percentEncode("☃")).toBe("%E2%98%83");
    expect(percentEncode("-._~*'()")).toBe("-._~%2A%27%28%29");
  });

  it("builds the base string of RFC 5849 §3.4.1.1 from header, query and body, repeated names kept", async () => {
    const request = new Request("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization:
          'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", ' +
          'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", ' +
          'oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"',
      },
      body: "c2&a3=2+q",
    });
    const read = await readRequestParams(request);
    if (!read.ok) throw new Error(read.reason);
    expect(signatureBaseString("POST", "http://example.com/request", read.params)).toBe(
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    );
  });

  it("normalizes the base string URI: lower-case scheme and host, default port dropped, no query", () => {
    const base = signatureBaseString("post", "HTTP://Example.COM:80/r%20v/X?id=123", []);
    expect(base).toBe("POST&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&");
    expect(signatureBaseString("GET", "https://www.example.net:8080/?q=1", [])).toBe("GET&https%3A%2F%2Fwww.example.net%3A8080%2F&");
  });

  it("computes the HMAC-SHA1 signature of the OAuth Core 1.0 example", () => {
    const params: OAuthParam[] = [
      ["file", "vacation.jpg"], ["size", "original"], ["oauth_consumer_key", "dpf43f3p2l4k3l03"],
      ["oauth_token", "nnch734d00sl2jdk"], ["oauth_signature_method", "HMAC-SHA1"], ["oauth_timestamp", "1191242096"],
      ["oauth_nonce", "kllo9940pd9333jh"], ["oauth_version", "1.0"],
    ];
    const base = signatureBaseString("GET", "http://photos.example.net/photos", params);
    expect(hmacSha1Signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
  });

  it("agrees with the oauth-1.0a package on parameters with spaces, symbols, unicode and repeats", () => {
    const oauth = new OAuth({
      consumer: { key: "key.1", secret: "s3cr3t &=+ secret" },
      signature_method: "HMAC-SHA1",
      hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
    });
    const data = { name: "Zoë O'Brien (TA)", note: "a+b=c & d!*", tag: ["β", "a", "a b"], empty: "" };
    const url = "https://lms.example/launch?course=x%2Fy&z=%E2%98%83";
    const signed = oauth.authorize({ url, method: "POST", data: structuredClone(data) });
    const params: OAuthParam[] = [
      // authorize() merges the request data into the object it returns: keep only the protocol parameters.
      ...Object.entries(signed).filter(([k]) => k.startsWith("oauth_") && k !== "oauth_signature").map(([k, v]) => [k, String(v)] as const),
      ["course", "x/y"], ["z", "☃"], ["name", data.name], ["note", data.note], ["empty", ""],
      ...data.tag.map((t) => ["tag", t] as const),
    ];
    const ours = hmacSha1Signature(signatureBaseString("POST", url, params), "s3cr3t &=+ secret");
    expect(ours).toBe(signed.oauth_signature);
  });

  it("compares signatures without throwing on any length", () => {
    expect(signaturesMatch("abc=", "abc=")).toBe(true);
    expect(signaturesMatch("abc=", "abd=")).toBe(false);
    expect(signaturesMatch("abc=", "")).toBe(false);
    expect(signaturesMatch("abc=", "abc==")).toBe(false);
  });
});
