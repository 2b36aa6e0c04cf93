import { Brand } from "./brand";

/** The centered card layout of the sign-in and sign-out pages. */
export function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-12">
      <Brand className="text-xl" />
      <div className="w-full max-w-sm">{children}</div>
      <p className="max-w-sm text-center text-muted-foreground text-sm">
        AI-assisted teaching for classrooms: lessons, quizzes and Roblox learning worlds.
      </p>
    </main>
  );
}
