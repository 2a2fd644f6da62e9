import { z } from "zod";

// A price as people type it in the Control Panel or a CSV: "4.99", "$4.99", "4", "0". Each way
// it can be wrong has its own sentence, so the person knows what to change.

/** The highest price Folio takes: $100,000.00 (in cents, as stored). */
export const MAX_PRICE_CENTS = 10_000_000;

export const priceSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\$\s*/, ""))
  .superRefine((s, ctx) => {
    if (s === "") return;
    if (/^-/.test(s)) return void ctx.addIssue({ code: "custom", message: "The price cannot be negative." });
    if (/^\d+,\d{1,2}$/.test(s)) return void ctx.addIssue({ code: "custom", message: "Use a point for the cents, like 4.99." });
    if (!/^\d+(\.\d*)?$/.test(s)) return void ctx.addIssue({ code: "custom", message: "Write the price as a number, like 4.99." });
    if (/\.\d{3,}$/.test(s)) return void ctx.addIssue({ code: "custom", message: "Use at most two decimals (cents), like 4.99." });
    if (Math.round(Number(s) * 100) > MAX_PRICE_CENTS) {
      ctx.addIssue({ code: "custom", message: `The price can be at most $${(MAX_PRICE_CENTS / 100).toLocaleString("en-US")}.00.` });
    }
  })
  /** In cents; an empty field is 0. */
  .transform((s) => (s === "" ? 0 : Math.round(Number(s) * 100)));
