/**
 * The runtime stage of the Dockerfile as data — its WORKDIR, ENV, the files it copies from
 * the build stage, USER and CMD — so check-standalone-server.ts runs exactly what the image
 * runs. Reads only the instruction forms the Dockerfile uses and throws on anything else in
 * that stage, so a new instruction cannot be silently skipped by the check.
 */
export interface RuntimeStage {
  workdir: string;
  env: Record<string, string>;
  /** `COPY --from=build <source> <destination>`: source in the build stage, destination under workdir. */
  copies: { source: string; destination: string }[];
  user: string;
  cmd: string[];
}

/** Joins `\`-continued lines and drops comments and blank lines. */
function instructions(text: string): string[] {
  const joined = text.replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

function parseEnv(args: string, env: Record<string, string>): void {
  for (const pair of args.split(/\s+/)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(pair);
    if (!match) throw new Error(`ENV ${args}: only KEY=value pairs are supported`);
    env[match[1] as string] = match[2] as string;
  }
}

export function readRuntimeStage(dockerfile: string): RuntimeStage {
  const lines = instructions(dockerfile);
  const lastFrom = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  if (lastFrom < 0) throw new Error("the Dockerfile has no FROM");
  const stage: RuntimeStage = { workdir: "/", env: {}, copies: [], user: "root", cmd: [] };
  for (const line of lines.slice(lastFrom + 1)) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    switch (keyword.toUpperCase()) {
      case "WORKDIR":
        stage.workdir = args;
        break;
      case "ENV":
        parseEnv(args, stage.env);
        break;
      case "COPY": {
        const flags = rest.filter((part) => part.startsWith("--"));
        const paths = rest.filter((part) => !part.startsWith("--"));
        if (!flags.includes("--from=build") || paths.length !== 2) {
          throw new Error(`COPY ${args}: expected COPY --from=build <source> <destination>`);
        }
        stage.copies.push({ source: paths[0] as string, destination: paths[1] as string });
        break;
      }
      case "USER":
        stage.user = args;
        break;
      case "CMD":
        stage.cmd = JSON.parse(args) as string[];
        break;
      // Build-time only: a user account and the documented port change nothing the check runs.
      case "RUN":
      case "EXPOSE":
        break;
      default:
        throw new Error(`${keyword} in the runtime stage: scripts/standalone/read-dockerfile.ts does not run it`);
    }
  }
  return stage;
}
