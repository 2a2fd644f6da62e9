import "server-only";
import { z } from "zod";
import { fetchOutbound } from "@/lib/http/outbound-fetch";
import { SCOPE } from "@/lib/lti/claims";
import { forgetToken, getServiceToken, ServiceError, serviceFailure } from "@/lib/lti/services/token";

// LTI Assignment and Grade Services 2.0: read or create a line item, post a score. Every call
// carries a bearer token for the scope it needs; a 401 means the platform dropped the token, so
// it is forgotten and the call made once more with a fresh one.

export const MEDIA = {
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  score: "application/vnd.ims.lis.v1.score+json",
} as const;

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024;

export type ActivityProgress = "Initialized" | "Started" | "InProgress" | "Submitted" | "Completed";
export type GradingProgress = "FullyGraded" | "Pending" | "PendingManual" | "Failed" | "NotReady";

export type Score = {
  /** The platform's id for the person (the launch's `sub`). */
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  comment?: string;
  /** When the tool last changed the score; platforms ignore a score older than the one they hold. */
  timestamp: Date;
};

const lineItemAnswer = z.object({
  id: z.url().max(2000).optional(),
  scoreMaximum: z.number().positive().max(1e9),
  label: z.string().max(1000).optional(),
});
export type LineItem = { id: string; scoreMaximum: number; label?: string };

type Call = { method: "GET" | "POST"; url: string; scopes: readonly string[]; accept?: string; contentType?: string; body?: unknown; what: string };

async function call(integrationId: string, request: Call): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const token = await getServiceToken(integrationId, request.scopes);
    let response;
    try {
      response = await fetchOutbound(request.url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(request.accept ? { accept: request.accept } : {}),
          ...(request.contentType ? { "content-type": request.contentType } : {}),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
      });
    } catch (error) {
      throw serviceFailure(error, request.what);
    }
    if (response.status === 401 && attempt === 0) {
      forgetToken(integrationId, request.scopes);
      continue;
    }
    if (response.status >= 200 && response.status < 300) return response.body;
    const retryable = response.status === 429 || response.status >= 500;
    throw new ServiceError(
      retryable ? "LTI_SERVICE_UNREACHABLE" : "LTI_SERVICE_REFUSED",
      `${request.what} answered HTTP ${response.status}${retryable ? "" : `: ${refusalDetail(response.body)}`}.`,
      retryable,
      response.status,
    );
  }
}

/** A short, printable reason from a refusal's body (platforms often explain a 400), for the admin. */
function refusalDetail(body: Buffer): string {
  const text = body.subarray(0, 2000).toString("utf8");
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const reason = parsed.error_description ?? parsed.message ?? parsed.error ?? parsed.reason;
    if (typeof reason === "string") return clean(reason);
  } catch {
    // not JSON: use the text itself
  }
  return clean(text) || "no reason given";
}

const clean = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\uffff]+/g, " ").trim().slice(0, 200);

function parseLineItem(body: Buffer, fallbackId: string | undefined, what: string): LineItem {
  let parsed;
  try {
    parsed = lineItemAnswer.safeParse(JSON.parse(body.toString("utf8")));
  } catch {
    parsed = null;
  }
  const id = parsed?.success ? (parsed.data.id ?? fallbackId) : undefined;
  if (!parsed?.success || !id) throw new ServiceError("LTI_SERVICE_BAD_ANSWER", `${what} did not answer with a line item.`, false);
  return { id, scoreMaximum: parsed.data.scoreMaximum, label: parsed.data.label };
}

/** Whether these granted scopes allow reading line items. */
export function lineItemReadScope(granted: readonly string[]): string | null {
  if (granted.includes(SCOPE.lineItem)) return SCOPE.lineItem;
  if (granted.includes(SCOPE.lineItemReadOnly)) return SCOPE.lineItemReadOnly;
  return null;
}

/** GET the line item (to learn its scoreMaximum). */
export async function readLineItem(integrationId: string, lineItemUrl: string, scope: string): Promise<LineItem> {
  const what = "The platform's line item";
  const body = await call(integrationId, { method: "GET", url: lineItemUrl, scopes: [scope], accept: MEDIA.lineItem, what });
  return parseLineItem(body, lineItemUrl, what);
}

/** POST a new line item for a resource link to the context's line items URL (needs the lineitem scope). */
export async function createLineItem(
  integrationId: string,
  lineItemsUrl: string,
  item: { label: string; scoreMaximum: number; resourceLinkId: string; resourceId?: string },
): Promise<LineItem> {
  const what = "The platform's line items URL";
  const body = await call(integrationId, {
    method: "POST", url: lineItemsUrl, scopes: [SCOPE.lineItem], accept: MEDIA.lineItem, contentType: MEDIA.lineItem, what,
    body: {
      label: item.label.slice(0, 200) || "Reading",
      scoreMaximum: item.scoreMaximum,
      resourceLinkId: item.resourceLinkId,
      ...(item.resourceId ? { resourceId: item.resourceId } : {}),
    },
  });
  return parseLineItem(body, undefined, what);
}

/** The scores endpoint of a line item: `/scores` appended to its path, its query kept. */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

/** POST one score for one person. */
export async function postScore(integrationId: string, lineItemUrl: string, score: Score): Promise<void> {
  await call(integrationId, {
    method: "POST", url: scoresUrl(lineItemUrl), scopes: [SCOPE.score], contentType: MEDIA.score, what: "The platform's score service",
    body: {
      userId: score.userId,
      scoreGiven: score.scoreGiven,
      scoreMaximum: score.scoreMaximum,
      activityProgress: score.activityProgress,
      gradingProgress: score.gradingProgress,
      timestamp: score.timestamp.toISOString(),
      ...(score.comment ? { comment: score.comment } : {}),
    },
  });
}
