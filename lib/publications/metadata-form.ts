// How the metadata form writes lists: subjects one a line ("FIC004000 FICTION / Classics"),
// collections and keywords separated by commas or new lines.

/** Subject lines as { code, label }; a line without a code keeps its text as the code, for the schema to refuse by line. */
export function parseSubjectLines(text: string): { code: string; label: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([A-Za-z]{3}\d{6})\b\s*[-–—:|]?\s*(.*)$/.exec(line);
      return m ? { code: m[1]!.toUpperCase(), label: m[2]!.trim() || m[1]!.toUpperCase() } : { code: line.slice(0, 40), label: line };
    });
}

/** "a, b\nc" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

export function subjectLines(subjects: { code: string; label: string }[]): string {
  return subjects.map((s) => `${s.code} ${s.label}`).join("\n");
}
