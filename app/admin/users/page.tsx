import type { Metadata } from "next";
import { requirePageAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageAdmin("/admin/users");
  const users = await listUsers();
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 text-stone-600">Everyone with an account: administrators, readers who signed up, and students created by an integration.</p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr><th className="px-4 py-2">Public ID</th><th className="px-4 py-2">Name</th><th className="px-4 py-2">Email</th><th className="px-4 py-2">Came in</th><th className="px-4 py-2">Access</th><th className="px-4 py-2">Role</th></tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-2 font-mono">{u.publicId}</td>
                <td className="px-4 py-2">{u.name ?? "—"}</td>
                <td className="px-4 py-2">{u.email ?? <span className="text-stone-400">not set</span>}</td>
                <td className="px-4 py-2">{u.origin === "lti" ? `LMS (${u.integrations.join(", ") || "removed integration"})` : "Directly"}</td>
                <td className="px-4 py-2">{u.access.length ? u.access.map((a) => (a.kind === "FULL" ? "Full access" : `Plan ${a.plan}`)).join(", ") : "Free books"}</td>
                <td className="px-4 py-2">{u.role === "ADMIN" ? "Administrator" : "Reader"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
