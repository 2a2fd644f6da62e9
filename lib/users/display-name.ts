/** What the Control Panel calls a person: the name their LMS sent, else their own name, else their public ID. */
export function displayName({ name, nameHint, publicId }: { name?: string | null; nameHint?: string | null; publicId: string }): string {
  return nameHint?.trim() || name?.trim() || publicId;
}
