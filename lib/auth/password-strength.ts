import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

// Password strength from zxcvbn-ts (docs/decisions/0017): it estimates how many guesses a
// cracker would need, knowing common passwords, names, words, keyboard patterns, dates, l33t
// and the person's own details. Loaded on the first password that is set, then kept: nothing
// that serves a page or a launch imports the dictionaries.

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from an offline attack" (≥ 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

// Words anyone guessing a Folio password would try first.
const SITE_WORDS = ["folio", "library", "reader", "reading", "books", "student", "teacher", "school"];

let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // Levenshtein matching costs 0.3–1 s of CPU per check: too much for a form anyone can post.
      useLevenshteinDistance: false,
    });
  })();
  estimator.catch(() => (estimator = null));
  return estimator;
}

/** The person's own details, whole and in pieces ("maria.lopez@uni.example" → maria, lopez, …). */
export function personalWords(context: { email?: string | null; name?: string | null }): string[] {
  const words = new Set<string>();
  for (const value of [context.email, context.name]) {
    if (!value) continue;
    const lower = value.toLowerCase();
    words.add(lower);
    const local = lower.split("@")[0]!;
    words.add(local);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Null when the password is strong enough, else the estimator's feedback as sentences the
 * person can act on ("This is similar to a commonly used password. Add more words that are less
 * common.").
 */
export async function passwordWeakness(password: string, context: { email?: string | null; name?: string | null } = {}): Promise<string | null> {
  const result = (await loadEstimator()).check(password, [...personalWords(context), ...SITE_WORDS]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const sentences = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  return sentences.length ? sentences.join(" ") : "This password would be easy to guess. Add another word or two that are not related to each other.";
}
