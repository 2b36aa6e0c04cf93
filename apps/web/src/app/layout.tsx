import type { Metadata } from "next";
import { connection } from "next/server";
import { Toaster } from "~/components/ui/sonner";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ToolboxAI", template: "%s · ToolboxAI" },
  description: "AI-assisted teaching: classes, lessons, quizzes and Roblox learning environments.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (set by src/proxy.ts) on its
  // scripts only while rendering, so a page prerendered at build time would carry none and the
  // browser would refuse its scripts. Scripts of the app's own would take `headers().get("x-nonce")`.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <Toaster />
      </body>
    </html>
  );
}
