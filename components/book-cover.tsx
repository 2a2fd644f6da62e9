/** A publication's cover, or a typographic stand-in when the book has none. */
export function BookCover({ slug, title, author, hasCover, className = "" }: {
  slug: string; title: string; author: string; hasCover: boolean; className?: string;
}) {
  if (hasCover) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- covers are served by our own route with caching
      <img src={`/api/publications/${slug}/cover`} alt={`Cover of ${title}`} loading="lazy"
        className={`aspect-[2/3] w-full rounded-md object-cover shadow-md ring-1 ring-stone-900/10 ${className}`} />
    );
  }
  return (
    <div className={`flex aspect-[2/3] w-full flex-col justify-between rounded-md bg-gradient-to-br from-orange-900 to-stone-800 p-4 text-white shadow-md ${className}`}>
      <span className="font-serif text-lg leading-tight">{title}</span>
      <span className="text-xs opacity-80">{author}</span>
    </div>
  );
}
