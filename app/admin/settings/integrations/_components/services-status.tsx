import { serviceStatus } from "@/lib/lti/service-scopes";

/** Which LTI Advantage services the platform confirmed when it registered Folio dynamically. */
export function ServicesStatus({ granted }: { granted: string[] }) {
  if (granted.length === 0) {
    return (
      <p className="text-sm text-stone-600">
        Folio does not know which services this LMS switched on (it was registered by hand, or the LMS&apos;s
        registration answer named none). Check the tool&apos;s settings in the LMS with the guide above; launches
        still work without them, but graded readings and the class roster do not.
      </p>
    );
  }
  const status = serviceStatus(granted);
  const rows: { name: string; on: boolean; detail: string }[] = [
    {
      name: "Grades (Assignment and Grade Services)",
      on: status.grades,
      detail: !status.grades ? "Graded readings cannot send scores."
        : status.lineItems === "manage" ? "Scores go to the gradebook; Folio can create its own gradebook columns."
        : "Scores go to gradebook columns the LMS creates; Folio cannot add columns.",
    },
    {
      name: "Class roster (Names and Role Provisioning)",
      on: status.roster,
      detail: status.roster ? "Students who never opened a reading show as not started." : "The instructor's view lists only students who launched Folio.",
    },
  ];
  return (
    <ul className="space-y-2 text-sm">
      {rows.map((row) => (
        <li key={row.name} className="flex gap-2">
          <span aria-hidden className={row.on ? "text-green-700" : "text-amber-700"}>{row.on ? "✓" : "✗"}</span>
          <span>
            <span className="font-medium text-stone-800">{row.name}: {row.on ? "on" : "off"}.</span>{" "}
            <span className="text-stone-600">{row.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
