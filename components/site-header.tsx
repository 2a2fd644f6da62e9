import { getCurrentUser } from "@/lib/auth/session";
import { AccountLinks } from "@/components/account-links";
import { HeaderBar } from "@/components/header-bar";

/** The header for personal pages: who is signed in is known on the server. */
export async function SiteHeader() {
  const user = await getCurrentUser();
  const account = user ? { name: user.displayName, role: user.role } : null;
  return <HeaderBar showLibrary={!!user} account={<AccountLinks user={account} />} />;
}
