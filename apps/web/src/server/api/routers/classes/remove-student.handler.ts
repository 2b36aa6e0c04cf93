import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type Roster = { classId: string; studentId: string };

export const removeStudentHandler = ({ ctx, input }: HandlerArgs<Roster>) => classes.removeStudent(ctx.svc, input);
