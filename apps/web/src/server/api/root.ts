import { classesRouter } from "./routers/classes/_router";
import { meRouter } from "./routers/me/_router";
import { usersRouter } from "./routers/users/_router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  classes: classesRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(createContextInner({ db, actor }))`. */
export const createCaller = createCallerFactory(appRouter);
