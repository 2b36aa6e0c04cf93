import * as classes from "~/server/services/classes";
import type { HandlerArgs } from "../types";

type Roster = { classId: string; studentId: string };

export const addStudentHandler = ({ ctx, input }: HandlerArgs<Roster>) => classes.addStudent(ctx.svc, input);
