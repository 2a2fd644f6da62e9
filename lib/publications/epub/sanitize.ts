// The chapter code is plain JavaScript so that the chapter worker can run it as it is
// (docs/decisions/0018); this module is its typed entry point for the rest of the code.
export {
  BOOK_CLASS_PREFIX,
  countWords,
  htmlToText,
  nestingDepth,
  sanitizeChapter,
  type CleanChapter,
  type LinkContext,
} from "@/lib/publications/epub/chapter-html.mjs";
