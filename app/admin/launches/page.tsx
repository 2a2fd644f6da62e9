import type { Metadata } from "next";
import { requirePageAdmin } from "@/lib/auth/session";
import { parseLaunchFilter } from "@/lib/support/launch-log-search";
import { LaunchLogView } from "../_components/launch-log/launch-log-view";

export const metadata: Metadata = { title: "Launch log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LaunchLogPage({ searchParams }: Props) {
  await requirePageAdmin("/admin/launches");
  const params = await searchParams;
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  return (
    <>
      <h1 className="text-2xl font-semibold">Launch log</h1>
      <p className="mt-1 mb-6 text-stone-600">Every launch from every integration, newest first. Kept for LAUNCH_LOG_RETENTION_DAYS days, then removed by the hourly clean-up.</p>
      <LaunchLogView base="/admin/launches" filter={parseLaunchFilter(params)} cursor={cursor} />
    </>
  );
}
