// "Forgot password": the same answer for every address, the link mailed through a real SMTP server
// (smtp-server on a random loopback port, spoken to by nodemailer), accounts found as sign-in finds
// them, and the limits on requests.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMailEnv } from "../mail/env";
import { createLogMailer, createSmtpMailer, type MailSettings } from "../mail/mailer";
import { createRateLimiter, RateLimitError } from "../rate-limit/limiter";
import { createDomainWorld, type DomainWorld, domainErrorOf, PASSWORD } from "../testing";
import { type PasswordResetDeps, requestPasswordReset, resetPassword, resetTokenStatus } from "./password-reset";
import { authenticate } from "./sign-in";

interface Received {
  to: string[];
  raw: string;
}

let w: DomainWorld;
let smtp: SMTPServer;
let smtpMail: MailSettings;
const inbox: Received[] = [];
beforeAll(async () => {
  w = await createDomainWorld();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  smtpMail = {
    mailer: createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "ToolboxAI <no-reply@school.test>" }),
    appUrl: "https://school.test",
  };
});
afterAll(async () => {
  smtpMail.mailer.close?.();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await w.t.close();
});

/** Asks for a reset and waits until its message, if any, has been delivered. */
async function ask(email: string, deps: Partial<PasswordResetDeps> = {}) {
  let delivery: Promise<void> = Promise.resolve();
  await requestPasswordReset({ db: w.t.db, mail: smtpMail, onDelivery: (d) => (delivery = d), ...deps }, { email });
  await delivery;
}

/** The reset link in a received message (quoted-printable soft breaks undone). */
function linkIn(message: Received): string {
  const text = message.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const match = text.match(/https:\/\/school\.test\/reset-password\?token=[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no link in:\n${message.raw}`);
  return match[0];
}
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;

describe("forgot password", () => {
  it("mails a reset link to the account's address through SMTP", async () => {
    const person = await w.newActor("a", "TEACHER");
    const before = inbox.length;
    await ask(person.email);
    const received = inbox.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual([person.email]);
    expect(received[0]?.raw).toContain("Subject: Choose a new ToolboxAI password");
    const status = await resetTokenStatus({ db: w.t.db }, { token: tokenOf(linkIn(received[0] as Received)) });
    expect(status).toMatchObject({ valid: true, email: person.email });
  });

  it("answers an unknown address the same way and sends nothing", async () => {
    const before = inbox.length;
    await expect(ask("nobody-here@nowhere.test")).resolves.toBeUndefined();
    expect(inbox.length).toBe(before);
  });

  it("sends nothing to a deactivated account", async () => {
    const person = await w.newActor("a", "STUDENT");
    await w.t.db.user.update({ where: { id: person.userId }, data: { active: false } });
    const before = inbox.length;
    await ask(person.email);
    expect(inbox.length).toBe(before);
  });

  it("sends one link per school when the address has accounts in two", async () => {
    const email = "two-schools@both.test";
    for (const org of ["a", "b"] as const) {
      await w.t.db.user.create({
        data: { organizationId: w.orgs[org], email, name: "Two Schools", role: "TEACHER", passwordHash: "x" },
      });
    }
    const before = inbox.length;
    await ask(email);
    const [message] = inbox.slice(before);
    const text = (message as Received).raw.replace(/=\r?\n/g, "");
    expect(text).toContain("Alpha School:");
    expect(text).toContain("Beta Academy:");
    expect(await w.t.db.passwordResetToken.count({ where: { user: { email } } })).toBe(2);
  });

  it("lets the person choose a new password with the mailed link and sign in with it", async () => {
    const person = await w.newActor("a", "STUDENT");
    const before = inbox.length;
    await ask(person.email);
    const token = tokenOf(linkIn(inbox[before] as Received));
    expect(
      await resetPassword({ db: w.t.db }, { token, password: "mailed-pass-42", confirmPassword: "mailed-pass-42" }),
    ).toEqual({
      email: person.email,
    });
    expect(await authenticate({ db: w.t.db }, { email: person.email, password: "mailed-pass-42" })).toMatchObject({
      userId: person.userId,
    });
    expect(await authenticate({ db: w.t.db }, { email: person.email, password: PASSWORD })).toBeNull();
  });

  it("audits the request and the reset on the person's account", async () => {
    const person = await w.newActor("a", "STUDENT");
    const before = inbox.length;
    await ask(person.email, { ip: "203.0.113.9" });
    await resetPassword(
      { db: w.t.db },
      {
        token: tokenOf(linkIn(inbox[before] as Received)),
        password: "audit-pass-42",
        confirmPassword: "audit-pass-42",
      },
    );
    const rows = await w.t.db.auditLog.findMany({ where: { targetId: person.userId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["auth.password_reset_requested", "auth.password_reset"]);
    expect(rows[0]?.metadata).toEqual({ delivery: "smtp", ip: "203.0.113.9" });
  });

  it("records the request with no actor: anyone may ask for any address", async () => {
    const person = await w.newActor("a", "STUDENT");
    await ask(person.email, { ip: "203.0.113.10" });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.password_reset_requested", targetId: person.userId },
    });
    expect(row).toMatchObject({ actorId: null, metadata: { delivery: "smtp", ip: "203.0.113.10" } });
  });

  it("answers before looking the address up, so a known address answers as fast as an unknown one", async () => {
    const person = await w.newActor("a", "STUDENT");
    // The account lookup waits until the test lets it go: the answer must not wait for it.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const db = w.t.db;
    const gatedUsers = {
      findMany: async (args: Parameters<typeof db.user.findMany>[0]) => {
        await gate;
        return db.user.findMany(args);
      },
    };
    const gated = new Proxy(db, {
      get(target, prop) {
        if (prop === "user") return gatedUsers;
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    let delivery: Promise<void> = Promise.resolve();
    const answered = await Promise.race([
      requestPasswordReset(
        { db: gated, mail: smtpMail, onDelivery: (d) => (delivery = d) },
        { email: person.email },
      ).then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 2000)),
    ]);
    expect(answered).toBe("answered");
    expect(await db.passwordResetToken.count({ where: { userId: person.userId } })).toBe(0);
    release();
    await delivery;
    expect(await db.passwordResetToken.count({ where: { userId: person.userId } })).toBe(1);
  });

  it("refuses a link that does not exist", async () => {
    const error = await domainErrorOf(
      resetPassword(
        { db: w.t.db },
        { token: "made-up-token", password: "whatever-pass-1", confirmPassword: "whatever-pass-1" },
      ),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("This link is not valid. Ask for a new one from the sign-in page.");
  });

  it("writes the link to the server log when mail is not configured and links may be logged", async () => {
    const person = await w.newActor("a", "STUDENT");
    const lines: string[] = [];
    const logged: MailSettings = {
      mailer: createLogMailer({ warn: (_obj: object, msg?: string) => void lines.push(msg ?? "") }, { logLinks: true }),
      appUrl: "http://localhost:3000",
    };
    await ask(person.email, { mail: logged });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^MAIL NOT SENT \\(SMTP_URL is not set\\): "Choose a new ToolboxAI password" for ${person.email}; link: http://localhost:3000/reset-password\\?token=`,
      ),
    );
  });
});

describe("the server log without a mail server", () => {
  it("says a message was not sent but holds no working link when links may not be logged", async () => {
    const person = await w.newActor("a", "STUDENT");
    const entries: { obj: object; msg: string }[] = [];
    const withheld: MailSettings = {
      mailer: createLogMailer({ warn: (obj: object, msg?: string) => void entries.push({ obj, msg: msg ?? "" }) }),
      appUrl: "http://localhost:3000",
    };
    await ask(person.email, { mail: withheld });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.msg).toBe(
      `MAIL NOT SENT (SMTP_URL is not set): "Choose a new ToolboxAI password" for ${person.email}; its link is not logged (set MAIL_LOG_LINKS=true to log links)`,
    );
    expect(JSON.stringify(entries[0])).not.toContain("token=");
  });

  it("logs links outside production and in production only with MAIL_LOG_LINKS=true", () => {
    expect(readMailEnv({ NODE_ENV: "development" }).logLinks).toBe(true);
    expect(readMailEnv({ NODE_ENV: "test" }).logLinks).toBe(true);
    expect(readMailEnv({ NODE_ENV: "production" }).logLinks).toBe(false);
    expect(readMailEnv({ NODE_ENV: "production", MAIL_LOG_LINKS: "true" }).logLinks).toBe(true);
    expect(readMailEnv({ NODE_ENV: "development", MAIL_LOG_LINKS: "false" }).logLinks).toBe(false);
  });
});

describe("the limits on forgot password", () => {
  it("refuses a fourth request for the same address within the hour, known or not", async () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 3; i++) await ask("limited@nowhere.test", { limiter, ip: `198.51.100.${i}` });
    const error = await domainErrorOf(ask("limited@nowhere.test", { limiter, ip: "198.51.100.99" }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    await limiter.close();
  });

  it("refuses an address that asks for too many emails", async () => {
    const limiter = createRateLimiter({
      limits: {
        "password-reset.ip": { description: "test", points: 2, duration: 3600, perPlan: false, penalize: false },
      },
    });
    await ask("first@nowhere.test", { limiter, ip: "192.0.2.1" });
    await ask("second@nowhere.test", { limiter, ip: "192.0.2.1" });
    const error = await domainErrorOf(ask("third@nowhere.test", { limiter, ip: "192.0.2.1" }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    await limiter.close();
  });
});
