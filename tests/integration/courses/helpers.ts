import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { createUser } from "@/tests/support/factories";

// Courses seeded with Prisma directly, as the launch would leave them.

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
export const ROLE = { learner: `${LIS}Learner`, instructor: `${LIS}Instructor` };

export async function createLti13Course(options: { clientId?: string; tokenUrl?: string; membershipsUrl?: string | null; contextId?: string; title?: string } = {}) {
  const integration = await prisma.integration.create({
    data: {
      name: "Course LMS",
      kind: "LTI13",
      accessKind: "FULL",
      issuer: `https://lms-${randomBytes(3).toString("hex")}.example.test`,
      clientId: options.clientId ?? `client-${randomBytes(3).toString("hex")}`,
      authUrl: "https://lms.example.test/auth",
      tokenUrl: options.tokenUrl ?? "https://lms.example.test/token",
      jwksUrl: "https://lms.example.test/jwks",
    },
  });
  const course = await prisma.course.create({
    data: {
      integrationId: integration.id,
      contextId: options.contextId ?? `ctx-${randomBytes(3).toString("hex")}`,
      title: options.title ?? "Literature 101",
      label: "LIT101",
      membershipsUrl: options.membershipsUrl ?? null,
    },
  });
  return { integration, course };
}

/** A person who launched from the course (a User, their LTI identity and a CourseMembership). */
export async function addMember(course: { id: string; integrationId: string }, options: { subject: string; instructor?: boolean; name?: string; nameHint?: string; email?: string }) {
  const user = await createUser({ name: options.name });
  if (options.name === undefined) await prisma.user.update({ where: { id: user.id }, data: { name: null } });
  await prisma.ltiIdentity.create({
    data: { userId: user.id, integrationId: course.integrationId, platformKey: `lti13|${course.integrationId}`, subject: options.subject, nameHint: options.nameHint, emailHint: options.email },
  });
  await prisma.courseMembership.create({
    data: {
      courseId: course.id, userId: user.id, subject: options.subject,
      roles: [options.instructor ? ROLE.instructor : ROLE.learner], instructor: options.instructor ?? false,
    },
  });
  return user;
}
