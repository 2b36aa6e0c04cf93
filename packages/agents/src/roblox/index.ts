export type { AnswerKey, Checkpoint, ClientCheckpoint } from "./checkpoints";
export {
  answerKey,
  checkpointsByStation,
  clientCheckpoint,
  QUIZ_LAYOUT,
  quizAnswersModule,
  quizDataModule,
} from "./checkpoints";
export type { LuaData } from "./luau-writer";
export { isLuaIdentifier, luaComment, luaKey, luaNumber, luaString, luaValue } from "./luau-writer";
export { quizClientScript } from "./quiz-client-script";
export { quizServerScript } from "./quiz-server-script";
export type { RojoOptions, RojoZipOptions } from "./rojo";
export {
  BUILT_IN_SCRIPTS,
  buildRojoProject,
  placeScripts,
  ROJO_FOLDERS,
  ROJO_VERSION,
  rojoFileName,
  rojoProjectJson,
  rojoZip,
  slugify,
} from "./rojo";
export { BASE_THICKNESS, materialEnum, STATION_ACTION_TEXT, terrainScript, WORKSPACE_FOLDERS } from "./terrain-script";
