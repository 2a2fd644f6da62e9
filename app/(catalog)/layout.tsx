import { PublicSiteHeader } from "@/components/public-site-header";
import { SiteFooter } from "@/components/site-footer";

export default function CatalogLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PublicSiteHeader />
      {children}
      <SiteFooter />
    </>
  );
}
