import { randomInt } from "node:crypto";

// Crockford-style alphabet: no I, L, O or U, so an ID read aloud over the phone is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PUBLIC_ID_LENGTH = 8;

/** A short alphanumeric ID a person sees on their account page (32^8 ≈ 10^12 values). */
export function generatePublicId(): string {
  let id = "";
  for (let i = 0; i < PUBLIC_ID_LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
