/**
 * What the API routes call: create, list, read, and send a command. Dependencies come in
 * as an object (database, cluster reads, the runner to wake), so the integration tests
 * use the same functions against a simulator and a temporary database.
 */
import "server-only";
import type { ExperimentCommand, ExperimentDetail, ExperimentList, ExperimentSpec } from "@/lib/contracts/experiments";
import { TopsailError } from "@/server/errors";
import { createExperiment, type ClusterReads } from "./create-experiment";
import { toExperimentDetail, toExperimentSummary } from "./experiment-dto";
import {
  findExperiment,
  listExperimentRecords,
  loadExperimentRecord,
  storeCommand,
  type ExperimentsDb,
} from "./experiment-store";

export interface ExperimentServiceDeps {
  db: ExperimentsDb;
  reads: ClusterReads;
  /** Who starts experiments: a name, or the signed-in viewer's name and groups. */
  actor: string | { name: string; groups: readonly string[] };
  /** Wakes the runner so a new experiment or a command does not wait for the next tick. */
  kick(): void;
}

export async function startExperiment(deps: ExperimentServiceDeps, spec: ExperimentSpec): Promise<ExperimentDetail> {
  const record = await createExperiment(deps.db, deps.reads, spec, deps.actor);
  deps.kick();
  return getExperiment(deps.db, record.id);
}

export async function listExperiments(
  db: ExperimentsDb,
  filter: { namespace?: string; service?: string } = {},
): Promise<ExperimentList> {
  return { items: (await listExperimentRecords(db, filter)).map(toExperimentSummary) };
}

export async function getExperiment(db: ExperimentsDb, id: string): Promise<ExperimentDetail> {
  const found = await findExperiment(db, id);
  if (!found) throw new TopsailError("not_found", `No experiment ${id}.`);
  return toExperimentDetail(found.record, found.events);
}

const canaryOnly: readonly ExperimentCommand[] = ["pause", "resume", "promote"];

export async function sendExperimentCommand(
  deps: Pick<ExperimentServiceDeps, "db" | "kick">,
  id: string,
  command: ExperimentCommand,
): Promise<ExperimentDetail> {
  const record = await loadExperimentRecord(deps.db, id);
  if (!record) throw new TopsailError("not_found", `No experiment ${id}.`);
  if (record.kind === "fault" && canaryOnly.includes(command)) {
    throw new TopsailError(
      "bad_request",
      `${command} applies to canary experiments only; a fault experiment can be aborted (its fault is removed at once).`,
    );
  }
  if (command === "pause" && record.status === "paused")
    throw new TopsailError("conflict", `Experiment ${id} is already paused.`);
  if (command === "resume" && record.status !== "paused")
    throw new TopsailError("conflict", `Experiment ${id} is not paused.`);
  await storeCommand(deps.db, id, command);
  deps.kick();
  return getExperiment(deps.db, id);
}
