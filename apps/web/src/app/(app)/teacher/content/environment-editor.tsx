"use client";

// The body editor for ENVIRONMENT items (a Roblox learning environment): the terrain's name,
// description and ground, the stations' names and prompts, and the Luau scripts' source. The
// rest of the specification (positions, regions, props, checkpoints) is shown, not edited, so
// the body always stays valid against robloxEnvironmentSchema; the form validates it on save.
import { robloxMaterials } from "@toolboxai/validators";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { plural } from "~/lib/plural";
import type { EnvironmentValues } from "./content-form-model";
import { useFieldIds } from "./field-ids";

const STATION_KIND_LABEL = { info: "Info", quiz: "Quiz", experiment: "Experiment" } as const;
const SCRIPT_KIND_LABEL = { server: "Server script", client: "Client script", module: "Module script" } as const;

/** Rows for a source textarea: tall enough to read a short script, capped for long ones. */
const sourceRows = (source: string | undefined) => Math.min(24, Math.max(6, (source ?? "").split("\n").length + 1));

export function EnvironmentBodyEditor() {
  return (
    <>
      <TerrainCard />
      <StationsCard />
      <ScriptsCard />
      <CheckpointsCard />
    </>
  );
}

function TerrainCard() {
  const { control, register, formState } = useFormContext<EnvironmentValues>();
  const fid = useFieldIds();
  const terrain = useWatch({ control, name: "body.terrain" });
  const errors = formState.errors.body?.terrain;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Roblox environment</h2>
        </CardTitle>
        <CardDescription>
          {terrain?.size ? `${terrain.size.x} × ${terrain.size.z} studs · ` : ""}
          {plural(terrain?.regions?.length ?? 0, "terrain region")} · {plural(terrain?.props?.length ?? 0, "prop")} ·{" "}
          {plural(terrain?.spawnPoints?.length ?? 0, "spawn point")}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 md:grid-cols-2">
        <FormField label="Environment name" htmlFor={fid("env-name")} error={errors?.name?.message}>
          <Input id={fid("env-name")} {...register("body.terrain.name")} />
        </FormField>
        <FormField label="Ground material" htmlFor={fid("env-ground")} error={errors?.baseMaterial?.message}>
          <NativeSelect id={fid("env-ground")} {...register("body.terrain.baseMaterial")}>
            {robloxMaterials.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Environment description"
          htmlFor={fid("env-description")}
          error={errors?.description?.message}
          className="md:col-span-2"
        >
          <Textarea id={fid("env-description")} rows={3} {...register("body.terrain.description")} />
        </FormField>
      </CardContent>
    </Card>
  );
}

function StationsCard() {
  const { control, register, formState } = useFormContext<EnvironmentValues>();
  const fid = useFieldIds();
  // Only names and prompts are edited; the field array gives each station a stable key.
  const stations = useFieldArray({ control, name: "body.terrain.stations", keyName: "key" });
  const errors = formState.errors.body?.terrain?.stations;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Stations</h2>
        </CardTitle>
        <CardDescription>Where students stop in the world: what they read or are asked there.</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-4">
          {stations.fields.map((station, index) => (
            <li key={station.key}>
              <fieldset className="grid gap-3 rounded-md border p-4">
                <legend className="flex items-center gap-2 px-1 font-medium text-sm">
                  Station {index + 1}
                  <Badge variant="outline">{STATION_KIND_LABEL[station.kind]}</Badge>
                  <code className="font-mono font-normal text-muted-foreground text-xs">{station.id}</code>
                </legend>
                <FormField
                  label={`Station ${index + 1} name`}
                  htmlFor={fid(`env-station-${index}-name`)}
                  error={errors?.[index]?.name?.message}
                >
                  <Input id={fid(`env-station-${index}-name`)} {...register(`body.terrain.stations.${index}.name`)} />
                </FormField>
                <FormField
                  label={`Station ${index + 1} prompt`}
                  htmlFor={fid(`env-station-${index}-prompt`)}
                  error={errors?.[index]?.prompt?.message}
                  description={
                    station.kind === "quiz" && station.questionIndex !== null
                      ? `Checks quiz question ${station.questionIndex + 1}.`
                      : undefined
                  }
                >
                  <Textarea
                    id={fid(`env-station-${index}-prompt`)}
                    rows={2}
                    {...register(`body.terrain.stations.${index}.prompt`)}
                  />
                </FormField>
              </fieldset>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}

function ScriptsCard() {
  const { control, register, formState } = useFormContext<EnvironmentValues>();
  const fid = useFieldIds();
  const scripts = useFieldArray({ control, name: "body.scripts", keyName: "key" });
  const errors = formState.errors.body?.scripts;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Scripts</h2>
        </CardTitle>
        <CardDescription>
          Luau in the Lua 5.1 subset, so the script check can parse it: no type annotations, no{" "}
          <code className="font-mono">+=</code>, no <code className="font-mono">continue</code>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {scripts.fields.length === 0 ? (
          <p className="text-muted-foreground text-sm">This environment has no scripts.</p>
        ) : (
          <ol className="grid gap-4">
            {scripts.fields.map((script, index) => (
              <li key={script.key}>
                <FormField
                  label={
                    <span className="flex flex-wrap items-center gap-2">
                      <code className="font-mono">{script.name}</code>
                      <Badge variant="outline">{SCRIPT_KIND_LABEL[script.kind]}</Badge>
                      <span className="sr-only">source</span>
                    </span>
                  }
                  htmlFor={fid(`env-script-${index}-source`)}
                  description={script.purpose}
                  error={errors?.[index]?.source?.message}
                >
                  <Textarea
                    id={fid(`env-script-${index}-source`)}
                    rows={sourceRows(script.source)}
                    spellCheck={false}
                    autoCapitalize="off"
                    autoCorrect="off"
                    className="font-mono text-xs"
                    {...register(`body.scripts.${index}.source`)}
                  />
                </FormField>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

function CheckpointsCard() {
  const { control } = useFormContext<EnvironmentValues>();
  const checkpoints = useWatch({ control, name: "body.checkpoints" }) ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Quiz checkpoints</h2>
        </CardTitle>
        <CardDescription>
          Questions asked at quiz stations; their answer keys stay on the server side of the place. Edit the questions
          in the quiz.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {checkpoints.length === 0 ? (
          <p className="text-muted-foreground text-sm">No checkpoints.</p>
        ) : (
          <ul className="grid gap-2 text-sm">
            {checkpoints.map((checkpoint, index) => (
              <li key={index} className="grid gap-1 rounded-md border p-3">
                <code className="font-mono text-muted-foreground text-xs">{checkpoint.stationId}</code>
                <span>{checkpoint.question.prompt}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
