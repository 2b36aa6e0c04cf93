// Mail settings: the only place in packages/core that reads mail variables from process.env. Read
// when the first message is sent (not at import), so the web app's env module has already set
// NEXTAUTH_URL from its own APP_URL/PORT defaults by then.
import { parseEnv } from "@toolboxai/validators";
import { z } from "zod";

export interface MailEnv {
  /** smtp://user:pass@host:587 or smtps://...:465; null: no mail server, messages go to the log. */
  smtpUrl: string | null;
  /** The From of every message. */
  from: string;
  /** Where links in messages point (the web app's public address). */
  appUrl: string;
  /**
   * Without a mail server, whether a message's links are written to the log: yes outside
   * production; in production only with MAIL_LOG_LINKS=true (a working reset link in the log lets
   * whoever reads the log take over the account).
   */
  logLinks: boolean;
}

const schema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "expected an smtp:// or smtps:// URL, such as smtp://user:pass@mail.example:587")
    .optional(),
  MAIL_FROM: z.string().max(200, "expected at most 200 characters").optional(),
  APP_URL: z.url("expected a URL such as https://school.example").optional(),
  NEXTAUTH_URL: z.url("expected a URL such as https://school.example").optional(),
  MAIL_LOG_LINKS: z.enum(["true", "false"], "expected true or false").optional(),
  NODE_ENV: z.string().optional(),
});

export function readMailEnv(env: NodeJS.ProcessEnv = process.env): MailEnv {
  const vars = parseEnv(schema, env, { what: "mail configuration" });
  const appUrl = (vars.APP_URL ?? vars.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return {
    smtpUrl: vars.SMTP_URL ?? null,
    from: vars.MAIL_FROM ?? `ToolboxAI <no-reply@${new URL(appUrl).hostname}>`,
    appUrl,
    logLinks: vars.MAIL_LOG_LINKS ? vars.MAIL_LOG_LINKS === "true" : vars.NODE_ENV !== "production",
  };
}
