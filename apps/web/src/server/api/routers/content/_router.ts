// `content`: the teaching content library. Teachers and admins only; which items a caller
// sees and may change is decided by the service (see services/content.ts).
import {
  contentDetailSchema,
  contentIdSchema,
  contentListInputSchema,
  contentListSchema,
  contentVersionListSchema,
  createContentSchema,
  restoreVersionSchema,
  updateContentSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";
import { createHandler } from "./create.handler";
import { duplicateHandler } from "./duplicate.handler";
import { getHandler } from "./get.handler";
import { listHandler } from "./list.handler";
import { publishHandler, unpublishHandler } from "./set-status.handler";
import { deleteHandler, restoreHandler } from "./soft-delete.handler";
import { updateHandler } from "./update.handler";
import { listVersionsHandler, restoreVersionHandler } from "./versions.handler";

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");

export const contentRouter = createTRPCRouter({
  list: teachingProcedure.input(contentListInputSchema).output(contentListSchema).query(listHandler),
  get: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).query(getHandler),
  create: teachingProcedure.input(createContentSchema).output(contentDetailSchema).mutation(createHandler),
  update: teachingProcedure.input(updateContentSchema).output(contentDetailSchema).mutation(updateHandler),
  publish: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).mutation(publishHandler),
  unpublish: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).mutation(unpublishHandler),
  duplicate: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).mutation(duplicateHandler),
  delete: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).mutation(deleteHandler),
  restore: teachingProcedure.input(contentIdSchema).output(contentDetailSchema).mutation(restoreHandler),
  listVersions: teachingProcedure.input(contentIdSchema).output(contentVersionListSchema).query(listVersionsHandler),
  restoreVersion: teachingProcedure
    .input(restoreVersionSchema)
    .output(contentDetailSchema)
    .mutation(restoreVersionHandler),
});
