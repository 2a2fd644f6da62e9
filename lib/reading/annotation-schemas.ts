import { z } from "zod";

/** The highlight colours the reader offers; stored by name, drawn by the reader's CSS. */
export const HIGHLIGHT_COLORS = ["yellow", "green", "blue", "pink", "purple"] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

const note = z.string().trim().max(10_000, "Keep a note under 10,000 characters.");
const offset = z.number().int().min(0).max(50_000_000);

export const highlightSchema = z
  .object({
    kind: z.literal("HIGHLIGHT"),
    chapterIndex: z.number().int().min(0),
    startOffset: offset,
    endOffset: offset,
    quote: z.string().trim().min(1, "A highlight needs the text it marks.").max(5_000, "Highlight at most 5,000 characters at a time."),
    color: z.enum(HIGHLIGHT_COLORS, { message: `Pick one of: ${HIGHLIGHT_COLORS.join(", ")}.` }).default("yellow"),
    note: note.optional(),
  })
  .refine((h) => h.endOffset > h.startOffset, { message: "A highlight must end after it starts.", path: ["endOffset"] });

export const noteSchema = z.object({
  kind: z.literal("NOTE"),
  note: note.min(1, "Write something in the note."),
  chapterIndex: z.number().int().min(0).optional(),
});

export const annotationInputSchema = z.union([highlightSchema, noteSchema]);
export type AnnotationInput = z.input<typeof annotationInputSchema>;

export const annotationUpdateSchema = z
  .object({
    color: z.enum(HIGHLIGHT_COLORS, { message: `Pick one of: ${HIGHLIGHT_COLORS.join(", ")}.` }).optional(),
    /** null or "" removes a highlight's note. */
    note: note.nullable().optional(),
  })
  .refine((u) => u.color !== undefined || u.note !== undefined, { message: "Nothing to change." });
export type AnnotationUpdate = z.input<typeof annotationUpdateSchema>;

export const annotationIdSchema = z.string().min(1).max(64);
export const userIdSchema = z.string().min(1).max(64);
