"use client";
import { useEffect, useState } from "react";
import { AccountLinks } from "@/components/account-links";
import { HeaderBar } from "@/components/header-bar";

type Me = { name: string; role: string } | null;

/** The header for pages served from cache: asks the server who is signed in, once loaded. */
export function PublicSiteHeader() {
  const [me, setMe] = useState<Me | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch("/api/me", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : { user: null }))
      .then((body: { user: Me }) => live && setMe(body.user))
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, []);
  // Nothing until known, so a signed-in reader never sees "Sign in" flash.
  return <HeaderBar showLibrary={!!me} account={me === undefined ? null : <AccountLinks user={me} />} />;
}
