"use client";
import { secondaryButtonClass } from "@/components/ui/form-state";

/** Opens the browser's print dialog (and so "Save as PDF") for the report page. */
export function PrintButton() {
  return <button type="button" onClick={() => window.print()} className={secondaryButtonClass}>Print or save as PDF</button>;
}
