/**
 * The name to show for a person: the name their LMS sent (LtiIdentity.nameHint), else the name on
 * their account, else their public ID. Blank names count as none.
 */
export function displayName(person: { name?: string | null; nameHint?: string | null; publicId: string }): string {
  return person.nameHint?.trim() || person.name?.trim() || person.publicId;
}
