import JSZip from "jszip";
import { AppError } from "@/lib/errors";
import { DEFAULT_EPUB_LIMITS, MB, type EpubLimits } from "@/lib/publications/epub/limits";
import { isUnsafeEntryName } from "@/lib/publications/epub/paths";

// jszip's own typings omit these: the name before jszip cleaned it, the sizes from the central
// directory, and the chunked reader that lets us stop inflating early.
type StreamHelper = {
  on(event: "data", fn: (chunk: Buffer) => void): StreamHelper;
  on(event: "error", fn: (error: Error) => void): StreamHelper;
  on(event: "end", fn: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
};
type Entry = JSZip.JSZipObject & {
  unsafeOriginalName?: string;
  _data?: { compressedSize?: number; uncompressedSize?: number };
  internalStream(type: "nodebuffer"): StreamHelper;
};

/** The opened zip: entry names are checked, declared sizes are checked, reads are capped. */
export type EpubArchive = {
  has(path: string): boolean;
  readBytes(path: string): Promise<Buffer>;
  readText(path: string): Promise<string>;
};

const refuse = (message: string) => new AppError("BAD_INPUT", message);

function tooBig(limits: EpubLimits) {
  return refuse(
    `This EPUB unpacks to more than ${Math.round(limits.maxUncompressedBytes / MB)} MB or expands suspiciously much (a possible zip bomb), so it was not accepted.`,
  );
}

export async function openArchive(data: Buffer, limits: EpubLimits = DEFAULT_EPUB_LIMITS): Promise<EpubArchive> {
  if (data.length > limits.maxCompressedBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `This EPUB is larger than ${Math.round(limits.maxCompressedBytes / MB)} MB, the most Folio accepts.`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false, createFolders: false });
  } catch {
    throw refuse("This file is not an EPUB: it is not a zip archive, or the archive is damaged.");
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir) as Entry[];
  if (entries.length > limits.maxEntries) throw refuse(`This EPUB holds more than ${limits.maxEntries} files, so it was not accepted.`);

  let declared = 0;
  for (const entry of entries) {
    if (isUnsafeEntryName(entry.unsafeOriginalName ?? entry.name)) {
      throw refuse(`This EPUB contains a file path that leaves the book ("${(entry.unsafeOriginalName ?? entry.name).slice(0, 80)}"), so it was not accepted.`);
    }
    const size = entry._data?.uncompressedSize ?? 0;
    const stored = Math.max(entry._data?.compressedSize ?? 0, 1);
    if (size > limits.maxEntryBytes || (size > MB && size / stored > limits.maxRatio)) throw tooBig(limits);
    declared += size;
  }
  if (declared > limits.maxUncompressedBytes || declared / Math.max(data.length, 1) > limits.maxRatio) throw tooBig(limits);

  const byName = new Map(entries.map((e) => [e.name, e]));
  let inflated = 0;

  // Streams each entry and stops as soon as it passes its declared size or a limit: headers can lie.
  const readBytes = (path: string) =>
    new Promise<Buffer>((resolve, reject) => {
      const entry = byName.get(path);
      if (!entry) return reject(refuse(`This EPUB lacks the file "${path.slice(0, 120)}" that it lists.`));
      const cap = Math.min(entry._data?.uncompressedSize ?? limits.maxEntryBytes, limits.maxEntryBytes);
      const chunks: Buffer[] = [];
      let length = 0;
      let done = false;
      const stream = entry.internalStream("nodebuffer");
      stream
        .on("data", (chunk: Buffer) => {
          if (done) return;
          length += chunk.length;
          inflated += chunk.length;
          if (length > cap || inflated > limits.maxUncompressedBytes) {
            done = true;
            stream.pause();
            return reject(tooBig(limits));
          }
          chunks.push(chunk);
        })
        .on("error", () => {
          if (!done) reject(refuse(`The file "${path.slice(0, 120)}" inside this EPUB is damaged.`));
          done = true;
        })
        .on("end", () => {
          if (!done) resolve(Buffer.concat(chunks, length));
          done = true;
        })
        .resume();
    });

  return {
    has: (path) => byName.has(path),
    readBytes,
    async readText(path) {
      const bytes = await readBytes(path);
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
      return new TextDecoder("utf-8").decode(bytes);
    },
  };
}
