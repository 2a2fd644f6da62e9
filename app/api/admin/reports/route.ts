import { handleRoute } from "@/lib/http/handle-route";
import { exportReportCsv } from "@/lib/reports/report-csv";

export const dynamic = "force-dynamic";

/** GET ?integration=…&from=YYYY-MM-DD&to=YYYY-MM-DD: the institution report as CSV (administrators), streamed. */
export const GET = handleRoute(async (request) => {
  const query = new URL(request.url).searchParams;
  const { filename, body } = await exportReportCsv({
    integrationId: query.get("integration") ?? "", from: query.get("from") ?? "", to: query.get("to") ?? "",
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
