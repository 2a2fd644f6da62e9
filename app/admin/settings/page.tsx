import { redirect } from "next/navigation";

// Settings has one section so far; the address stays stable for when it gets more.
export default function SettingsPage() {
  redirect("/admin/settings/integrations");
}
