/**
 * A launch that cannot be completed. `code` is the short code the student reads out to their
 * institution and the one the launch log shows; `message` is for the log, never for secrets.
 */
export class LtiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly integrationId: string | null;

  constructor(code: string, message: string, options?: { status?: number; integrationId?: string | null }) {
    super(message);
    this.name = "LtiError";
    this.code = code;
    const status = options?.status ?? 400;
    this.status = status >= 400 && status < 500 ? status : 400;
    this.integrationId = options?.integrationId ?? null;
  }

  /** The same error, attributed to an integration once we know which one it is. */
  withIntegration(integrationId: string | null): LtiError {
    if (this.integrationId || !integrationId) return this;
    return new LtiError(this.code, this.message, { status: this.status, integrationId });
  }
}
