export function SiteFooter() {
  return (
    <footer className="mx-auto max-w-6xl px-4 py-10 text-xs text-stone-500">
      Demo books: Standard Ebooks editions, dedicated to the public domain (CC0).
    </footer>
  );
}
