import { SiteFooter } from "@/components/site-footer";

// Pages served from cache whose content is personal: each renders its own header once it knows
// who is signed in.
export default function LibraryLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      {children}
      <SiteFooter />
    </>
  );
}
