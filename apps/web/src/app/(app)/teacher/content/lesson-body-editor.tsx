"use client";

import { Plus } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { ArrayError } from "./array-error";
import { type LessonValues, newId } from "./content-form-model";
import { LessonSectionEditor } from "./lesson-section-editor";

/** The body editor for LESSON items: its sections, in order. */
export function LessonBodyEditor() {
  const { control, formState } = useFormContext<LessonValues>();
  const sections = useFieldArray({ control, name: "body.sections", keyName: "key" });
  const arrayError = formState.errors.body?.sections;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Sections</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ArrayError message={arrayError?.message ?? arrayError?.root?.message} />
        <ol className="grid gap-4">
          {sections.fields.map((field, index) => (
            <li key={field.key}>
              <LessonSectionEditor
                index={index}
                count={sections.fields.length}
                move={sections.move}
                remove={sections.remove}
              />
            </li>
          ))}
        </ol>
      </CardContent>
      <CardFooter>
        <Button
          type="button"
          variant="outline"
          onClick={() => sections.append({ id: newId(), heading: "", markdown: "", media: [] })}
          disabled={sections.fields.length >= 50}
        >
          <Plus aria-hidden /> Add section
        </Button>
      </CardFooter>
    </Card>
  );
}
