import { describe, expect, it } from "vitest";
import { priceSchema } from "@/lib/publications/price";

const message = (input: string) => {
  const r = priceSchema.safeParse(input);
  return r.success ? r.data : r.error.issues[0]!.message;
};

describe("priceSchema", () => {
  it("reads prices as people type them, in cents", () => {
    expect(message("4.99")).toBe(499);
    expect(message(" $12 ")).toBe(1200);
    expect(message("0.5")).toBe(50);
    expect(message("")).toBe(0);
    expect(message("100000")).toBe(10_000_000);
    expect(message("19.")).toBe(1900);
  });

  it("says what is wrong with each bad price", () => {
    expect(message("-1")).toBe("The price cannot be negative.");
    expect(message("4.999")).toBe("Use at most two decimals (cents), like 4.99.");
    expect(message("4,99")).toBe("Use a point for the cents, like 4.99.");
    expect(message("four")).toBe("Write the price as a number, like 4.99.");
    expect(message("1e3")).toBe("Write the price as a number, like 4.99.");
    expect(message("100000.01")).toBe("The price can be at most $100,000.00.");
  });
});
