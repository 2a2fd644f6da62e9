import { inRange, type AssignedRange } from "@/lib/courses/assigned-range";

/** A course's assignment as the reader shows it. `range` null: the whole book. */
export type Assignment = { linkId: string; title: string; range: AssignedRange | null; from?: string; to?: string };

type Props = { assignment: Assignment; current: number; onBack: () => void; unit?: "chapter" | "page" };

/** Names the assigned reading, and says so when the person has left its chapters. */
export function AssignedBanner({ assignment, current, onBack, unit = "chapter" }: Props) {
  const { range } = assignment;
  const outside = range !== null && !inRange(range, current);
  const span = range ? (assignment.from === assignment.to ? assignment.from : `${assignment.from} to ${assignment.to}`) : "the whole book";
  // The picker's default title already names the range ("Book — From to To"): say it once.
  const showSpan = range === null || (!!span && !assignment.title.includes(span));
  return (
    <div className="border-b border-(--reader-border) bg-(--reader-hover) px-4 py-2 text-center font-sans text-sm" data-assigned-reading="">
      <p>
        <span className="font-medium">Assigned reading:</span> {assignment.title}
        {showSpan && <span className="text-(--reader-muted)"> · {span}</span>}
      </p>
      {outside && (
        <p role="status" className="mt-1">
          This {unit} is outside the assigned reading.{" "}
          <button type="button" onClick={onBack} className="font-medium text-(--reader-accent) underline">Go to the assigned reading</button>
        </p>
      )}
    </div>
  );
}
