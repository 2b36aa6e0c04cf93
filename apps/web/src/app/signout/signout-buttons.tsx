"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "~/components/ui/button";

export function SignOutButtons() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => router.back()}>
        Stay signed in
      </Button>
      <Button
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/signin" });
        }}
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </>
  );
}
