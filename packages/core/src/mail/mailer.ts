// Sending mail. With SMTP_URL set, messages go out over SMTP (nodemailer); without it (the offline
// default) each message is written to the server log instead, in one clear line naming its
// recipient and subject, and, outside production or with MAIL_LOG_LINKS=true, its links (a reset
// link in a production log would let anyone who reads the log take over the account; an admin's
// reset link is shown to the admin instead). One mailer per process, made from the environment on first use; tests
// and apps may set their own.

import nodemailer from "nodemailer";
import pino, { type Logger } from "pino";
import { correlationLogFields } from "../correlation/scope";
import { readMailEnv } from "./env";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Links the message carries, repeated in the log line when mail is not configured. */
  links?: readonly string[];
}

export interface Mailer {
  /** "smtp": messages leave the server; "log": they are written to the server log only. */
  readonly kind: "smtp" | "log";
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    kind: "smtp",
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
    },
    close: () => transport.close(),
  };
}

export interface LogMailerOptions {
  /** Whether links are written to the log (default: no). */
  logLinks?: boolean;
}

export function createLogMailer(
  logger: Pick<Logger, "warn"> = pino({ base: { service: "mail" }, mixin: correlationLogFields }),
  options: LogMailerOptions = {},
): Mailer {
  return {
    kind: "log",
    async send(message) {
      const links = message.links ?? [];
      if (options.logLinks) {
        logger.warn(
          { mail: { to: message.to, subject: message.subject, links } },
          `MAIL NOT SENT (SMTP_URL is not set): "${message.subject}" for ${message.to}${
            links.length ? `; link: ${links.join(" ")}` : ""
          }`,
        );
        return;
      }
      logger.warn(
        { mail: { to: message.to, subject: message.subject, linksWithheld: links.length } },
        `MAIL NOT SENT (SMTP_URL is not set): "${message.subject}" for ${message.to}${
          links.length ? "; its link is not logged (set MAIL_LOG_LINKS=true to log links)" : ""
        }`,
      );
    },
  };
}

export interface MailSettings {
  mailer: Mailer;
  /** The web app's public address, for links. */
  appUrl: string;
}

// On globalThis: Next may load this module in more than one server bundle of the same process.
const holder = globalThis as unknown as { toolboxMail?: MailSettings };

/** This process's mailer and link base, from the environment the first time it is asked for. */
export function mailSettings(): MailSettings {
  if (!holder.toolboxMail) {
    const env = readMailEnv();
    holder.toolboxMail = {
      mailer: env.smtpUrl
        ? createSmtpMailer({ url: env.smtpUrl, from: env.from })
        : createLogMailer(undefined, { logLinks: env.logLinks }),
      appUrl: env.appUrl,
    };
  }
  return holder.toolboxMail;
}

/** Replaces this process's mail settings (tests; an app with its own transport). null: back to the environment's. */
export function configureMail(settings: MailSettings | null): void {
  if (settings === null) delete holder.toolboxMail;
  else holder.toolboxMail = settings;
}
