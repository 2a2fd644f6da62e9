import { SiteHeader } from "@/components/site-header";

export default function StoreLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      {children}
      <footer className="mx-auto max-w-6xl px-4 py-10 text-xs text-stone-500">
        Demo books: Standard Ebooks editions, dedicated to the public domain (CC0).
      </footer>
    </>
  );
}
