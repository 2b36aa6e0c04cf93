"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { joinClassSchema } from "@toolboxai/validators";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

type JoinForm = z.input<typeof joinClassSchema>;

export function JoinClassCard() {
  const utils = api.useUtils();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<JoinForm, unknown, z.output<typeof joinClassSchema>>({
    resolver: zodResolver(joinClassSchema),
    defaultValues: { code: "" },
  });
  const join = api.classes.join.useMutation({
    async onSuccess(c) {
      await Promise.all([
        utils.classes.list.invalidate(),
        utils.assignments.mine.invalidate(),
        utils.home.student.invalidate(),
      ]);
      form.reset();
      toast.success(c.alreadyEnrolled ? `You're already in ${c.name}` : `You joined ${c.name}`);
    },
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Join a class</h2>
        </CardTitle>
        <CardDescription>Type the 6-character code your teacher gave you.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={form.handleSubmit((values) => {
            setFailure(null);
            join.mutate(values);
          })}
        >
          <FormField
            label="Class code"
            htmlFor="join-code"
            error={form.formState.errors.code?.message}
            className="flex-1"
          >
            <Input
              id="join-code"
              autoComplete="off"
              autoCapitalize="characters"
              placeholder="K7QM2P"
              className="font-mono uppercase tracking-widest"
              {...form.register("code")}
            />
          </FormField>
          <Button type="submit" disabled={join.isPending} className="sm:mt-7">
            {join.isPending ? "Joining…" : "Join class"}
          </Button>
        </form>
        <FormError message={failure} className="mt-3" />
      </CardContent>
    </Card>
  );
}
