import { coverImageUrl, coverSrcSet, type CoverRef } from "@/lib/publications/covers/sizes";

/** A card in a grid: about a fifth of a wide page, half of a phone's. */
export const CARD_COVER_SIZES = "(min-width: 1024px) 180px, (min-width: 640px) 30vw, 45vw";

/**
 * A publication's cover: its thumbnails (WebP, JPEG for browsers without it) in the width the
 * layout needs, over the cover's own colour while they load; the original image when no thumbnails
 * were made yet; a typographic stand-in when the book has no cover.
 */
export function BookCover({ slug, title, author, hasCover, cover, sizes = CARD_COVER_SIZES, priority = false, className = "" }: {
  slug: string; title: string; author: string; hasCover: boolean; cover?: CoverRef | null; sizes?: string; priority?: boolean; className?: string;
}) {
  const frame = `aspect-[2/3] w-full rounded-md object-cover shadow-md ring-1 ring-stone-900/10 ${className}`;
  if (cover) {
    return (
      <picture>
        <source type="image/webp" srcSet={coverSrcSet(slug, cover, "webp")} sizes={sizes} />
        <img src={coverImageUrl(slug, cover.hash, 320, "jpg")} srcSet={coverSrcSet(slug, cover, "jpg")} sizes={sizes}
          alt={`Cover of ${title}`} loading={priority ? "eager" : "lazy"} decoding="async" width={320} height={480}
          style={cover.color ? { backgroundColor: cover.color } : undefined} className={`h-auto ${frame}`} />
      </picture>
    );
  }
  if (hasCover) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- covers are served by our own route with caching
      <img src={`/api/publications/${slug}/cover`} alt={`Cover of ${title}`} loading="lazy" className={frame} />
    );
  }
  return (
    <div className={`flex aspect-[2/3] w-full flex-col justify-between rounded-md bg-gradient-to-br from-orange-900 to-stone-800 p-4 text-white shadow-md ${className}`}>
      <span className="font-serif text-lg leading-tight">{title}</span>
      <span className="text-xs opacity-80">{author}</span>
    </div>
  );
}
