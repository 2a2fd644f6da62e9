import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SCOPE } from "@/lib/lti/claims";
import { grantedScopesFrom, scopesToRequest, serviceStatus, SERVICE_SCOPES } from "@/lib/lti/service-scopes";
import { ServicesStatus } from "@/app/admin/settings/integrations/_components/services-status";

describe("service scopes", () => {
  it("requests every service unless the platform lists what it supports", () => {
    expect(scopesToRequest(undefined)).toEqual(SERVICE_SCOPES);
    expect(scopesToRequest(["openid", SCOPE.memberships])).toEqual([SCOPE.memberships]);
    expect(scopesToRequest([])).toEqual([]);
  });

  it("reads a granted scope string or list, keeping only Folio's services, in Folio's order", () => {
    expect(grantedScopesFrom(`  ${SCOPE.score}\n${SCOPE.lineItem} openid `)).toEqual([SCOPE.lineItem, SCOPE.score]);
    expect(grantedScopesFrom([SCOPE.memberships, "x"])).toEqual([SCOPE.memberships]);
    expect(grantedScopesFrom(undefined)).toEqual([]);
    expect(grantedScopesFrom({ scope: SCOPE.score })).toEqual([]);
  });

  it("tells which services are on", () => {
    expect(serviceStatus([SCOPE.score, SCOPE.lineItemReadOnly])).toEqual({ grades: true, lineItems: "read", roster: false });
    expect(serviceStatus([...SERVICE_SCOPES])).toEqual({ grades: true, lineItems: "manage", roster: true });
    expect(serviceStatus([SCOPE.lineItem])).toEqual({ grades: false, lineItems: "manage", roster: false });
  });

  it("shows the integration page which services are on, and that nothing is known without a grant", () => {
    const partial = renderToStaticMarkup(createElement(ServicesStatus, { granted: [SCOPE.score, SCOPE.resultReadOnly, SCOPE.lineItemReadOnly] }));
    expect(partial).toContain("Grades (Assignment and Grade Services): on.");
    expect(partial).toContain("Folio cannot add columns");
    expect(partial).toContain("Class roster (Names and Role Provisioning): off.");
    const unknown = renderToStaticMarkup(createElement(ServicesStatus, { granted: [] }));
    expect(unknown).toContain("does not know which services");
  });
});
