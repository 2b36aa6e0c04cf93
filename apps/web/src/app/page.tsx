import { redirect } from "next/navigation";
import { ROLE_HOME } from "~/lib/role-home";
import { getActor } from "~/server/auth/session";

/** Everyone lands on their role's home; visitors go to sign in. */
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? ROLE_HOME[actor.role] : "/signin");
}
