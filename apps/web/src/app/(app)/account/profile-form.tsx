"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type UpdateProfileInput, updateProfileSchema } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { ROLE_LABEL } from "~/components/app-shell";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Skeleton } from "~/components/ui/skeleton";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

export function ProfileForm() {
  const utils = api.useUtils();
  const profile = api.me.get.useQuery();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<UpdateProfileInput>({ resolver: zodResolver(updateProfileSchema), defaultValues: { name: "" } });
  const update = api.me.updateProfile.useMutation({
    onSuccess(data) {
      utils.me.get.setData(undefined, data);
      form.reset({ name: data.name });
      toast.success("Profile saved");
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });
  useEffect(() => {
    if (profile.data) form.reset({ name: profile.data.name });
  }, [profile.data, form]);
  const { errors } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Profile</h2>
        </CardTitle>
        <CardDescription>
          {profile.data ? (
            <>
              {profile.data.email} · {ROLE_LABEL[profile.data.role]} at {profile.data.organization.name}
            </>
          ) : (
            <Skeleton className="h-4 w-64" />
          )}
        </CardDescription>
      </CardHeader>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          setFailure(null);
          update.mutate(values);
        })}
      >
        <CardContent className="grid gap-4">
          <FormError message={failure} />
          <FormField label="Display name" htmlFor="name" error={errors.name?.message}>
            <Input id="name" autoComplete="name" disabled={!profile.data} {...form.register("name")} />
          </FormField>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
            {update.isPending ? "Saving…" : "Save profile"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
